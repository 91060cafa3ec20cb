using System.Net;
using SimGan.Admin.Server;

namespace SimGan.Admin.Tests.Server;

public sealed class AdminOptionsTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.0.0.2", true)]
    [InlineData("::1", true)]
    [InlineData("localhost", true)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::", false)]
    [InlineData("192.168.1.5", false)]
    public void Loopback_is_recognised_by_address_or_name(string bind, bool loopback) =>
        Assert.Equal(loopback, new AdminOptions(bind).IsLoopback);

    [Fact]
    public void Localhost_listens_on_ipv4_loopback_and_a_host_name_is_refused()
    {
        Assert.Equal(IPAddress.Loopback, new AdminOptions("localhost").ListenAddress());
        Assert.Throws<ArgumentException>(() => new AdminOptions("admin.example.com").ListenAddress());
    }

    [Fact]
    public void Defaults_follow_the_contract() => Assert.Equal(new AdminOptions("127.0.0.1", 9110, null), new AdminOptions());
}
