using Akka.Configuration;

namespace SimGan.Cluster.Hosting;

/// <summary>
/// The node's HOCON, layered: --set overrides, then --hocon files, then the store's and the mode's files, then
/// base.conf. Code-side settings (addresses, roles, seeds) are applied by Akka.Hosting on top of this.
/// </summary>
public static class NodeConfiguration
{
    public static Config Build(NodeSettings node)
    {
        if (!Directory.Exists(node.HoconDirectory))
            throw new ArgumentException($"the HOCON folder {node.HoconDirectory} does not exist (SIMGAN_HOCON_DIR or the program's hocon/)");
        var layers = new List<Config>();
        foreach (var o in node.Overrides.Reverse()) layers.Add(ParseOverride(o));
        foreach (var file in node.HoconFiles.Reverse()) layers.Add(Load(file));
        if (node.Discovery == "kubernetes") layers.Add(Load(Path.Combine(node.HoconDirectory, "kubernetes.conf")));
        else if (node.Discovery != "none") throw new ArgumentException($"--discovery must be none or kubernetes, not '{node.Discovery}'");
        if (node.Persistence is { } store)
        {
            layers.Add(ConfigurationFactory.ParseString(
                $"akka.persistence.journal.sql.connection-string = {Quote(store.ConnectionString)}\n" +
                $"akka.persistence.snapshot-store.sql.connection-string = {Quote(store.ConnectionString)}"));
            layers.Add(Load(Path.Combine(node.HoconDirectory, store.HoconFile)));
        }
        layers.Add(ConfigurationFactory.ParseString($"akka.loglevel = {node.LogLevel}"));
        layers.Add(Load(Path.Combine(node.HoconDirectory, node.SingleNode ? "single-node.conf" : "cluster.conf")));
        layers.Add(Load(Path.Combine(node.HoconDirectory, "base.conf")));
        var config = layers[0];
        foreach (var layer in layers.Skip(1)) config = config.WithFallback(layer);
        return config;
    }

    public static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static Config Load(string path)
    {
        if (!File.Exists(path)) throw new ArgumentException($"HOCON file {path} does not exist");
        try { return ConfigurationFactory.ParseString(File.ReadAllText(path)); }
        catch (Exception ex) when (ex is not OutOfMemoryException) { throw new ArgumentException($"HOCON file {path} does not parse: {FirstLine(ex.Message)}"); }
    }

    private static Config ParseOverride(string assignment)
    {
        int eq = assignment.IndexOf('=');
        if (eq <= 0) throw new ArgumentException($"--set '{assignment}': expected key=value");
        try { return ConfigurationFactory.ParseString(assignment[..eq].Trim() + " = " + assignment[(eq + 1)..].Trim()); }
        catch (Exception ex) when (ex is not OutOfMemoryException) { throw new ArgumentException($"--set '{assignment}' does not parse: {FirstLine(ex.Message)}"); }
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
