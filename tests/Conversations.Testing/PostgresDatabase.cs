using Conversations.Persistence.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace Conversations.Testing;

/// <summary>
/// A fresh, migrated PostgreSQL database for one test class, on the server that scripts/test.sh started
/// (connection string in <c>CONVERSATIONS_TEST_POSTGRES</c>). Dropped afterwards.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    /// <summary>The environment variable scripts/test.sh sets.</summary>
    public const string EnvironmentVariable = "CONVERSATIONS_TEST_POSTGRES";

    private NpgsqlDataSource? _dataSource;

    /// <summary>Connection string of this test's database.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>A data source on this test's database.</summary>
    public NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>The server's connection string, or a clear error telling how to get one.</summary>
    public static string ServerConnectionString() =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set. Run the tests with scripts/test.sh, which starts PostgreSQL, " +
                $"or start one (scripts/postgres.sh start) and export {EnvironmentVariable}=\"Host=127.0.0.1;Port=...;Username=postgres\".");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(ServerConnectionString())
        {
            Database = "test_" + Guid.NewGuid().ToString("N")[..16],
            MaxPoolSize = 50,
        };
        ConnectionString = builder.ConnectionString;
        await SchemaMigrator.EnsureDatabaseAsync(ConnectionString);
        _dataSource = NpgsqlDataSource.Create(ConnectionString);
        await new SchemaMigrator(_dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        if (ConnectionString.Length == 0)
        {
            return; // never started (no server configured): nothing to drop, and the start's own error says why
        }

        NpgsqlConnection.ClearAllPools();
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        var name = new NpgsqlConnectionStringBuilder(ConnectionString).Database;
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
