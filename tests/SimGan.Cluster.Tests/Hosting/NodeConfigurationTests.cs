using SimGan.Cluster.Hosting;

namespace SimGan.Cluster.Tests.Hosting;

public class NodeConfigurationTests
{
    const string PortKey = "akka.remote.dot-netty.tcp.port";

    static NodeSettings Node(bool singleNode = true, string[]? hocon = null, string[]? set = null, PersistenceSpec? store = null) => new()
    {
        Roles = [Roles.Discriminator],
        HoconDirectory = DiscriminatorNodeHost.HoconDirectory,
        SingleNode = singleNode,
        HoconFiles = hocon ?? [],
        Overrides = set ?? [],
        Persistence = store,
    };

    static string HoconFile(string text)
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("simgan-hocon-").FullName, "extra.conf");
        File.WriteAllText(path, text);
        return path;
    }

    static void AssertOneLine(ArgumentException ex, string mentions)
    {
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Contains(mentions, ex.Message);
    }

    [Fact]
    public void Base_settings_apply_when_nothing_overrides_them()
    {
        var config = NodeConfiguration.Build(Node());
        Assert.False(config.GetBoolean("akka.actor.serialization-settings.allow-unregistered-types", true));
        Assert.Equal("float32", config.GetString("simgan.wire.image-precision"));
        Assert.Equal(TimeSpan.FromSeconds(60), config.GetTimeSpan("simgan.training.slice-timeout"));
    }

    [Fact]
    public void The_mode_file_beats_base()
    {
        Assert.Equal(0, NodeConfiguration.Build(Node(singleNode: true)).GetInt(PortKey));
        var cluster = NodeConfiguration.Build(Node(singleNode: false));
        Assert.Equal(4053, cluster.GetInt(PortKey));
        Assert.Equal(TimeSpan.FromSeconds(6), cluster.GetTimeSpan("akka.cluster.failure-detector.acceptable-heartbeat-pause"));
    }

    [Fact]
    public void A_hocon_file_beats_the_mode_file_and_later_files_beat_earlier_ones()
    {
        string first = HoconFile($"{PortKey} = 1111\nsimgan.training.buffer-shards = 7");
        string second = HoconFile($"{PortKey} = 2222");
        var config = NodeConfiguration.Build(Node(hocon: [first, second]));
        Assert.Equal(2222, config.GetInt(PortKey));
        Assert.Equal(7, config.GetInt("simgan.training.buffer-shards"));
    }

    [Fact]
    public void Set_beats_hocon_files_and_the_last_set_of_a_key_wins()
    {
        string file = HoconFile($"{PortKey} = 1111\nsimgan.join-timeout = 9s");
        var config = NodeConfiguration.Build(Node(hocon: [file], set: [$"{PortKey}=3333", "simgan.training.slice-timeout = 5s", $"{PortKey} = 4444"]));
        Assert.Equal(4444, config.GetInt(PortKey));
        Assert.Equal(TimeSpan.FromSeconds(5), config.GetTimeSpan("simgan.training.slice-timeout"));
        Assert.Equal(TimeSpan.FromSeconds(9), config.GetTimeSpan("simgan.join-timeout"));
    }

    [Fact]
    public void Set_beats_the_store_file()
    {
        var store = PersistenceSpec.Parse("sqlite:/tmp/x.db");
        var plain = NodeConfiguration.Build(Node(store: store));
        Assert.Equal("SQLite.MS", plain.GetString("akka.persistence.journal.sql.provider-name"));
        var set = NodeConfiguration.Build(Node(store: store, set: ["akka.persistence.journal.sql.provider-name = other"]));
        Assert.Equal("other", set.GetString("akka.persistence.journal.sql.provider-name"));
    }

    [Fact]
    public void The_store_connection_string_reaches_journal_and_snapshots_verbatim_even_with_quotes_and_backslashes()
    {
        var store = new PersistenceSpec("postgres", "Host=db;Username=u;Password=a\"b\\c;d e");
        var config = NodeConfiguration.Build(Node(store: store));
        Assert.Equal(store.ConnectionString, config.GetString("akka.persistence.journal.sql.connection-string"));
        Assert.Equal(store.ConnectionString, config.GetString("akka.persistence.snapshot-store.sql.connection-string"));
        Assert.Equal("PostgreSQL.15", config.GetString("akka.persistence.snapshot-store.sql.provider-name"));
    }

    [Fact]
    public void The_log_level_setting_beats_base()
    {
        var config = NodeConfiguration.Build(Node() with { LogLevel = "WARNING" });
        Assert.Equal("WARNING", config.GetString("akka.loglevel"));
    }

    [Theory]
    [InlineData("no-equals-sign", "no-equals-sign")]
    [InlineData("=value", "=value")]
    [InlineData("akka.loglevel = ${no-such-key}", "no-such-key")]
    public void A_bad_set_is_an_argument_error_naming_it(string assignment, string mentions)
    {
        var ex = Assert.Throws<ArgumentException>(() => NodeConfiguration.Build(Node(set: [assignment])));
        AssertOneLine(ex, "--set");
        AssertOneLine(ex, mentions);
    }

    [Fact]
    public void A_missing_hocon_file_is_an_argument_error_naming_it()
    {
        string missing = Path.Combine(Path.GetTempPath(), "simgan-no-such-file.conf");
        var ex = Assert.Throws<ArgumentException>(() => NodeConfiguration.Build(Node(hocon: [missing])));
        AssertOneLine(ex, missing);
    }

    [Fact]
    public void A_hocon_file_that_does_not_parse_is_an_argument_error_naming_it()
    {
        // Akka's HOCON parser accepts unclosed braces and strings; an unresolved substitution is what it refuses.
        string broken = HoconFile("akka {\n  loglevel = ${no-such-key}\n}\n");
        var ex = Assert.Throws<ArgumentException>(() => NodeConfiguration.Build(Node(hocon: [broken])));
        AssertOneLine(ex, broken);
        Assert.Contains("does not parse", ex.Message);
        Assert.Contains("no-such-key", ex.Message);
    }

    [Fact]
    public void A_missing_hocon_folder_is_an_argument_error_naming_it()
    {
        var ex = Assert.Throws<ArgumentException>(() => NodeConfiguration.Build(Node() with { HoconDirectory = "/no/such/hocon" }));
        AssertOneLine(ex, "/no/such/hocon");
    }

    [Fact]
    public void An_unknown_discovery_method_is_an_argument_error_naming_it()
    {
        var ex = Assert.Throws<ArgumentException>(() => NodeConfiguration.Build(Node() with { Discovery = "consul" }));
        AssertOneLine(ex, "'consul'");
    }

    [Fact]
    public void Kubernetes_discovery_adds_its_file()
    {
        var config = NodeConfiguration.Build(Node() with { Discovery = "kubernetes" });
        Assert.Equal("kubernetes-api", config.GetString("akka.management.cluster.bootstrap.contact-point-discovery.discovery-method"));
        Assert.False(NodeConfiguration.Build(Node()).HasPath("akka.management.cluster.bootstrap.contact-point-discovery.discovery-method"));
    }
}
