using System.Text;
using SimGan.Build;

namespace SimGan.Core.Tests.Build;

public class GlibcxxWeakenerTests
{
    /// <summary>A minimal ELF64 with a .dynstr and a .gnu.version_r needing two libstdc++ versions.</summary>
    static byte[] TinyElf(out int weakFlagOffset, out int otherFlagOffset)
    {
        var strtab = Encoding.ASCII.GetBytes("\0libstdc++.so.6\0GLIBCXX_3.4.30\0GLIBCXX_3.4.32\0");
        int nameLib = 1, name30 = 16, name32 = 31;
        const int verneedOff = 64, verneedSize = 16 + 2 * 16;
        int strOff = verneedOff + verneedSize;
        int shOff = strOff + strtab.Length;
        var elf = new byte[shOff + 3 * 64];
        elf[0] = 0x7f; elf[1] = (byte)'E'; elf[2] = (byte)'L'; elf[3] = (byte)'F'; elf[4] = 2; elf[5] = 1;
        BitConverter.GetBytes((ulong)shOff).CopyTo(elf, 0x28);
        BitConverter.GetBytes((ushort)64).CopyTo(elf, 0x3A);
        BitConverter.GetBytes((ushort)3).CopyTo(elf, 0x3C);
        // Verneed: version 1, 2 aux entries, file name, aux at +16, no next.
        BitConverter.GetBytes((ushort)1).CopyTo(elf, verneedOff);
        BitConverter.GetBytes((ushort)2).CopyTo(elf, verneedOff + 2);
        BitConverter.GetBytes((uint)nameLib).CopyTo(elf, verneedOff + 4);
        BitConverter.GetBytes(16u).CopyTo(elf, verneedOff + 8);
        int aux1 = verneedOff + 16, aux2 = aux1 + 16;
        BitConverter.GetBytes((uint)name30).CopyTo(elf, aux1 + 8);
        BitConverter.GetBytes(16u).CopyTo(elf, aux1 + 12);
        BitConverter.GetBytes((uint)name32).CopyTo(elf, aux2 + 8);
        strtab.CopyTo(elf, strOff);
        // Section 1: .gnu.version_r, linked to section 2 (.dynstr).
        int sh1 = shOff + 64, sh2 = shOff + 128;
        BitConverter.GetBytes(0x6ffffffeu).CopyTo(elf, sh1 + 4);
        BitConverter.GetBytes((ulong)verneedOff).CopyTo(elf, sh1 + 0x18);
        BitConverter.GetBytes((ulong)verneedSize).CopyTo(elf, sh1 + 0x20);
        BitConverter.GetBytes(2u).CopyTo(elf, sh1 + 0x28);
        BitConverter.GetBytes(1u).CopyTo(elf, sh1 + 0x2C);
        BitConverter.GetBytes(3u).CopyTo(elf, sh2 + 4);
        BitConverter.GetBytes((ulong)strOff).CopyTo(elf, sh2 + 0x18);
        BitConverter.GetBytes((ulong)strtab.Length).CopyTo(elf, sh2 + 0x20);
        weakFlagOffset = aux2 + 4;
        otherFlagOffset = aux1 + 4;
        return elf;
    }

    [Fact]
    public void Marks_only_the_named_version_weak_and_is_idempotent()
    {
        var elf = TinyElf(out int flag32, out int flag30);
        var before = (byte[])elf.Clone();

        Assert.Equal(WeakenOutcome.Weakened, GlibcxxWeakener.Weaken(elf, "GLIBCXX_3.4.32"));
        Assert.Equal(2, elf[flag32]);
        Assert.Equal(0, elf[flag30]);
        Assert.Single(elf.Where((b, i) => b != before[i]));

        Assert.Equal(WeakenOutcome.AlreadyWeak, GlibcxxWeakener.Weaken(elf, "GLIBCXX_3.4.32"));
    }

    [Fact]
    public void Leaves_a_library_that_does_not_need_the_version_alone()
    {
        var elf = TinyElf(out _, out _);
        var before = (byte[])elf.Clone();
        Assert.Equal(WeakenOutcome.NotRequired, GlibcxxWeakener.Weaken(elf, "GLIBCXX_9.9.9"));
        Assert.Equal(before, elf);
    }

    [Fact]
    public void Rejects_non_elf_and_truncated_files()
    {
        Assert.Equal(WeakenOutcome.NotElf, GlibcxxWeakener.Weaken(Encoding.ASCII.GetBytes("not an elf file at all, just text......................................"), "X"));
        var elf = TinyElf(out _, out _);
        Assert.Throws<InvalidDataException>(() => GlibcxxWeakener.Weaken(elf[..200], "GLIBCXX_3.4.32"));
    }

    [Fact]
    public void Weakening_a_hard_linked_copy_leaves_the_file_it_links_to_as_it_was()
    {
        // The build hard-links NuGet's native libraries into every output folder (Directory.Build.props); patching
        // the bridge through that link would patch the package cache for every later build.
        string dir = Directory.CreateTempSubdirectory("weakener-").FullName;
        try
        {
            string cache = Path.Combine(dir, "cache.so"), output = Path.Combine(dir, "output.so");
            var elf = TinyElf(out int flag32, out _);
            File.WriteAllBytes(cache, elf);
            Run("ln", cache, output);
            Assert.Equal("2", Run("stat", "-c", "%h", cache)); // one file, two names

            Assert.Equal(WeakenOutcome.Weakened, GlibcxxWeakener.WeakenFile(output, "GLIBCXX_3.4.32"));
            Assert.Equal(elf, File.ReadAllBytes(cache));
            Assert.Equal(2, File.ReadAllBytes(output)[flag32]);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    static string Run(string program, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(program, arguments) { RedirectStandardOutput = true };
        using var process = System.Diagnostics.Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output;
    }

    [Fact]
    public void The_build_output_matches_what_the_system_libstdcxx_needs()
    {
        string lib = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(lib), $"missing {lib}");
        string? system = GlibcxxWeakener.FindSystemLibstdcxx();
        bool systemHasIt = system != null && GlibcxxWeakener.LibraryProvides(system, GlibcxxWeakener.Version);
        var copy = File.ReadAllBytes(lib);
        var outcome = GlibcxxWeakener.Weaken(copy, GlibcxxWeakener.Version);
        // Old libstdc++: the build must have weakened it. New libstdc++: the build must have left it as shipped.
        Assert.Equal(systemHasIt ? WeakenOutcome.Weakened : WeakenOutcome.AlreadyWeak, outcome);
    }
}
