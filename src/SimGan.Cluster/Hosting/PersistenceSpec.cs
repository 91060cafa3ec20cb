namespace SimGan.Cluster.Hosting;

/// <summary>Where journals and snapshots go: <c>sqlite:PATH</c> or <c>postgres:CONNECTION-STRING</c>.</summary>
public sealed record PersistenceSpec(string Store, string ConnectionString)
{
    public static PersistenceSpec Parse(string spec)
    {
        int colon = spec.IndexOf(':');
        string kind = colon < 0 ? spec : spec[..colon], rest = colon < 0 ? "" : spec[(colon + 1)..];
        if (rest.Length == 0) throw new ArgumentException($"--persistence '{spec}': expected sqlite:PATH or postgres:CONNECTION-STRING");
        return kind switch
        {
            "sqlite" => new PersistenceSpec("sqlite", $"Data Source={Path.GetFullPath(rest)};Pooling=True"),
            "postgres" => new PersistenceSpec("postgres", CheckPostgres(rest)),
            _ => throw new ArgumentException($"--persistence '{kind}:…' is not a store; use sqlite:PATH or postgres:CONNECTION-STRING"),
        };
    }

    public string HoconFile => Store + ".conf";

    /// <summary>A description safe to print: no password.</summary>
    public override string ToString() => Store == "sqlite" ? ConnectionString.Split(';')[0] : "postgres (" + WithoutSecrets(ConnectionString) + ")";

    /// <summary>
    /// Npgsql's own parser finds every spelling of a password (Password, PWD, PSW, any case, quoted values holding
    /// ';') and the SSL key password; a string it cannot parse is not shown at all.
    /// </summary>
    private static string WithoutSecrets(string connection)
    {
        try
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(connection);
            builder.Remove("Password");
            builder.Remove("SSL Password");
            return builder.ToString();
        }
        catch (ArgumentException) { return "connection string not shown"; }
    }

    private static string CheckPostgres(string connection)
    {
        try { _ = new Npgsql.NpgsqlConnectionStringBuilder(connection); }
        catch (ArgumentException ex) { throw new ArgumentException($"--persistence postgres: bad connection string ({ex.Message})"); }
        return connection;
    }
}
