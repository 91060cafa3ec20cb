using SimGan.Admin.Server;

namespace SimGan.Admin.Tests.Server;

public sealed class BearerTokenTests
{
    [Theory]
    [InlineData("Bearer abc", true)]
    [InlineData("bearer abc", true)]
    [InlineData("Bearer  abc ", true)]
    [InlineData("Bearer abd", false)]
    [InlineData("Bearer ab", false)]
    [InlineData("Basic abc", false)]
    [InlineData("abc", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Accepts_only_the_configured_token_under_the_bearer_scheme(string? header, bool accepted) =>
        Assert.Equal(accepted, new BearerToken("abc").Accepts(header));

    [Fact]
    public void No_configured_token_accepts_anything() => Assert.True(new BearerToken("").Accepts(null));
}
