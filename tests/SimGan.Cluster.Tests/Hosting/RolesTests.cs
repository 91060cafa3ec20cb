using SimGan.Cluster.Hosting;

namespace SimGan.Cluster.Tests.Hosting;

public class RolesTests
{
    [Fact]
    public void A_list_of_known_roles_parses_with_spaces_and_empty_entries_ignored()
    {
        Assert.Equal(new[] { "refiner", "feeder", "buffer" }, Roles.Parse(" refiner, feeder,,buffer "));
        Assert.Equal(new[] { "discriminator" }, Roles.Parse("discriminator"));
    }

    [Theory]
    [InlineData("refiner,wizard", "unknown role 'wizard'")]
    [InlineData("Refiner", "unknown role 'Refiner'")]
    [InlineData("", "no roles given")]
    [InlineData(" , ", "no roles given")]
    [InlineData("buffer,buffer", "repeated")]
    public void Unknown_missing_or_repeated_roles_are_one_line_argument_errors(string list, string mentions)
    {
        var ex = Assert.Throws<ArgumentException>(() => Roles.Parse(list));
        Assert.Contains(mentions, ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
        if (!mentions.Contains("repeated")) Assert.Contains("coordinator, refiner, discriminator, buffer, feeder", ex.Message);
    }
}
