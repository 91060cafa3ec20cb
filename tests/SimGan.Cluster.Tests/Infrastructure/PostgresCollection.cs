namespace SimGan.Cluster.Tests.Infrastructure;

/// <summary>
/// Tests marked [Collection("postgres")] share one private server (<see cref="PostgresServer"/>): starting one costs
/// a few seconds, a database per test costs milliseconds.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
