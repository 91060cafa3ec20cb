using Microsoft.Data.Sqlite;
using Npgsql;
using SimGan.Cluster.Hosting;

namespace SimGan.Cli.Composition;

/// <summary>Opens the store once before the actor system does, so a bad path or server is one clear line.</summary>
public static class PersistencePreflight
{
    public static async Task CheckAsync(PersistenceSpec store, CancellationToken cancel)
    {
        try
        {
            if (store.Store == "sqlite")
            {
                var path = new SqliteConnectionStringBuilder(store.ConnectionString).DataSource;
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                await using var connection = new SqliteConnection(store.ConnectionString);
                await connection.OpenAsync(cancel);
            }
            else
            {
                var builder = new NpgsqlConnectionStringBuilder(store.ConnectionString) { Timeout = 10 };
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(cancel);
            }
        }
        catch (Exception ex) when (ex is SqliteException or NpgsqlException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw new UserError($"cannot open the snapshot store {store}: {ex.Message.Split('\n')[0]}");
        }
    }
}
