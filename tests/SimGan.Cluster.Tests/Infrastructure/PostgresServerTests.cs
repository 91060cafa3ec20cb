using Npgsql;

namespace SimGan.Cluster.Tests.Infrastructure;

[Collection(PostgresCollection.Name)]
public sealed class PostgresServerTests(PostgresServer server)
{
    [Fact]
    public async Task The_test_database_answers_a_query_over_tcp()
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("select 1, current_database(), inet_server_addr()::text", connection);
        await using var row = await query.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        Assert.Equal(1, row.GetInt32(0));
        Assert.Equal(PostgresServer.DefaultDatabase, row.GetString(1));
        Assert.Equal("127.0.0.1/32", row.GetString(2));
    }

    [Fact]
    public async Task Databases_created_per_test_do_not_share_tables()
    {
        var first = server.CreateDatabase("independent_a");
        var second = server.CreateDatabase("independent_b");

        await Execute(first, "create table journal (id int); insert into journal values (7)");

        Assert.Equal(7, await Scalar(first, "select id from journal"));
        Assert.Null(await Scalar(second, "select to_regclass('journal')::text"));
    }

    [Fact]
    public void Database_names_that_need_quoting_are_refused()
    {
        Assert.Throws<ArgumentException>(() => server.CreateDatabase("x\"; drop database simgan_test; --"));
    }

    [Fact]
    public async Task CleanupStale_removes_what_a_dead_run_left_and_spares_the_live_server()
    {
        var leftover = Directory.CreateTempSubdirectory("simgan-pg-").FullName;
        Directory.CreateDirectory(Path.Combine(leftover, "data"));
        File.WriteAllText(Path.Combine(leftover, "owner"), "999999999 0"); // a process that cannot exist

        PostgresServer.CleanupStale();

        Assert.False(Directory.Exists(leftover));
        Assert.Equal(1, await Scalar(server.ConnectionString, "select 1"));
    }

    static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    static async Task<object?> Scalar(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }
}
