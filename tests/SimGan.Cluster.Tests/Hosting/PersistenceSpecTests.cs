using SimGan.Cluster.Hosting;

namespace SimGan.Cluster.Tests.Hosting;

public class PersistenceSpecTests
{
    [Fact]
    public void Sqlite_takes_a_path_made_absolute()
    {
        var spec = PersistenceSpec.Parse("sqlite:run/cluster.db");
        Assert.Equal("sqlite", spec.Store);
        Assert.Equal($"Data Source={Path.GetFullPath("run/cluster.db")};Pooling=True", spec.ConnectionString);
        Assert.Equal("sqlite.conf", spec.HoconFile);
        Assert.Equal($"Data Source={Path.GetFullPath("run/cluster.db")}", spec.ToString());
    }

    [Fact]
    public void Postgres_keeps_the_connection_string_as_given()
    {
        var spec = PersistenceSpec.Parse("postgres:Host=db:5432;Username=simgan;Password=s3cret;Database=runs");
        Assert.Equal("postgres", spec.Store);
        Assert.Equal("Host=db:5432;Username=simgan;Password=s3cret;Database=runs", spec.ConnectionString);
        Assert.Equal("postgres.conf", spec.HoconFile);
    }

    [Theory]
    [InlineData("postgres:Host=db;Username=simgan;Password=s3cret;Database=runs")]
    [InlineData("postgres:Host=db;password = s3cret")]
    [InlineData("postgres:Password=s3cret;Host=db")]
    [InlineData("postgres:Host=db;PWD=s3cret")]
    [InlineData("postgres:Host=db;Psw=s3cret")]
    [InlineData("postgres:Host=db;Password=\"s3cret;more\"")]
    [InlineData("postgres:Host=db;SSL Password=s3cret")]
    public void ToString_never_shows_a_password(string text)
    {
        var spec = PersistenceSpec.Parse(text);
        string shown = spec.ToString();
        Assert.DoesNotContain("s3cret", shown);
        Assert.DoesNotContain("more", shown);
        Assert.StartsWith("postgres (", shown);
        Assert.Contains("db", shown);
    }

    [Theory]
    [InlineData("sqlite", "expected sqlite:PATH")]
    [InlineData("sqlite:", "expected sqlite:PATH")]
    [InlineData("postgres:", "expected sqlite:PATH")]
    [InlineData("mysql:Server=x", "'mysql:…' is not a store")]
    [InlineData("postgres:Host=db;Bogus Keyword=1", "bad connection string")]
    [InlineData("postgres:Host=db;Port=notanumber", "bad connection string")]
    [InlineData("postgres:this is not a connection string", "bad connection string")]
    public void Bad_specs_are_one_line_argument_errors_naming_the_problem(string text, string mentions)
    {
        var ex = Record.Exception(() => PersistenceSpec.Parse(text));
        Assert.IsType<ArgumentException>(ex);
        Assert.Contains(mentions, ex.Message);
        Assert.Contains("--persistence", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void ToString_of_a_connection_string_that_does_not_parse_shows_none_of_it()
    {
        string shown = new PersistenceSpec("postgres", "Host=db;Password=s3cret;garbage").ToString();
        Assert.DoesNotContain("s3cret", shown);
        Assert.StartsWith("postgres (", shown);
    }
}
