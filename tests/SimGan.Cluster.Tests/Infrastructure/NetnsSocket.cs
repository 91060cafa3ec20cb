using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace SimGan.Cluster.Tests.Infrastructure;

/// <summary>
/// Creates a socket inside a named network namespace from this very process. Linux gives each thread its own network
/// namespace, and a socket stays in the namespace it was created in for its whole life; so a short-lived thread that
/// enters the namespace, creates the socket and returns hands the test a socket that listens or connects "from" that
/// host. This lets a test talk to a node in a namespace (e.g. via SocketsHttpHandler.ConnectCallback) without any
/// extra program (python, nc, curl) on the CI machine.
/// </summary>
public static class NetnsSocket
{
    const int CloneNewNet = 0x40000000;
    const int ReadOnlyCloseOnExec = 0x80000; // O_RDONLY | O_CLOEXEC

    /// <summary>A new, unbound IPv4 TCP socket living in namespace <paramref name="name"/> (as listed by `ip netns`).</summary>
    public static Socket CreateTcp(string name)
    {
        Socket? socket = null;
        Exception? error = null;
        // A dedicated thread, never a pool thread: it must not carry the namespace into anyone else's work.
        var thread = new Thread(() =>
        {
            var home = open("/proc/thread-self/ns/net", ReadOnlyCloseOnExec);
            try
            {
                Enter($"/run/netns/{name}");
                socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                Enter(home);
            }
            catch (Exception e) { error = e; socket?.Dispose(); }
            finally { if (home >= 0) close(home); }
        }) { IsBackground = true, Name = $"netns {name}" };
        thread.Start();
        thread.Join();
        return error is null ? socket! : throw new InvalidOperationException($"cannot create a socket in network namespace {name}: {error.Message}", error);
    }

    static void Enter(string path)
    {
        var fd = open(path, ReadOnlyCloseOnExec);
        if (fd < 0) throw new IOException($"open {path}: errno {Marshal.GetLastPInvokeError()}");
        try { Enter(fd); }
        finally { close(fd); }
    }

    static void Enter(int fd)
    {
        if (fd < 0 || setns(fd, CloneNewNet) != 0) throw new IOException($"setns: errno {Marshal.GetLastPInvokeError()}");
    }

    [DllImport("libc", SetLastError = true)]
    static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    static extern int setns(int fd, int nstype);
}
