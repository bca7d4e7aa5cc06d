using System.Reflection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Conversations.Persistence.Schema;

/// <summary>
/// Brings a PostgreSQL database to the current schema: the vendored Orleans scripts (clustering,
/// grain state, reminders), then the project's own migrations, each applied once and recorded in
/// <c>conversations_schema_migrations</c>. Safe to run at every start and from several silos at once
/// (an advisory lock serialises them).
/// </summary>
public sealed partial class SchemaMigrator(NpgsqlDataSource dataSource, ILogger<SchemaMigrator> logger)
{
    // Any constant shared by every migrator of this schema; "conv" in ASCII.
    private const long LockKey = 0x636f6e76;

    /// <summary>The migrations in the order they apply: Orleans scripts first (their fixed order), then ours by number.</summary>
    public static IReadOnlyList<string> Migrations { get; } = ListMigrations();

    /// <summary>Applies every migration the database does not have yet; returns the ones applied now.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, "SELECT pg_advisory_lock(@key)", cancellationToken, ("key", LockKey));
        try
        {
            await ExecuteAsync(connection, """
                CREATE TABLE IF NOT EXISTS conversations_schema_migrations (
                    id text PRIMARY KEY,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, cancellationToken);

            var applied = new HashSet<string>(StringComparer.Ordinal);
            await using (var command = new NpgsqlCommand("SELECT id FROM conversations_schema_migrations", connection))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add(reader.GetString(0));
                }
            }

            var appliedNow = new List<string>();
            foreach (var migration in Migrations.Where(m => !applied.Contains(m)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using (var command = new NpgsqlCommand(ReadScript(migration), connection, transaction))
                {
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }

                await using (var record = new NpgsqlCommand("INSERT INTO conversations_schema_migrations (id) VALUES (@id)", connection, transaction))
                {
                    record.Parameters.AddWithValue("id", migration);
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                LogApplied(logger, migration);
                appliedNow.Add(migration);
            }

            return appliedNow;
        }
        finally
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None, ("key", LockKey));
        }
    }

    /// <summary>
    /// Creates the database named in <paramref name="connectionString"/> when it does not exist yet, connecting
    /// to the server's <c>postgres</c> database to do so. Returns true when it created it.
    /// </summary>
    public static async Task<bool> EnsureDatabaseAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var database = target.Database ?? throw new ArgumentException("The connection string names no database.", nameof(connectionString));
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection))
        {
            exists.Parameters.AddWithValue("name", database);
            if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
            {
                return false;
            }
        }

        var quoted = "\"" + database.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted} ENCODING 'UTF8' TEMPLATE template0", connection);
        try
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            return false; // another silo created it meanwhile
        }
    }

    private static List<string> ListMigrations()
    {
        string[] orleansOrder = ["PostgreSQL-Main.sql", "PostgreSQL-Clustering.sql", "PostgreSQL-Persistence.sql", "PostgreSQL-Reminders.sql"];
        var names = Assembly.GetExecutingAssembly().GetManifestResourceNames()
            .Where(n => n.StartsWith("migrations/", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => n["migrations/".Length..])
            .ToList();
        var orleans = orleansOrder.Select(f => "Orleans/" + f).ToList();
        var missing = orleans.Except(names).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"Embedded Orleans scripts missing: {string.Join(", ", missing)}");
        }

        var own = names.Where(n => n.StartsWith("Conversations/", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        return [.. orleans, .. own];
    }

    private static string ReadScript(string migration)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("migrations/" + migration)
            ?? throw new InvalidOperationException($"Migration {migration} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied schema migration {Migration}")]
    private static partial void LogApplied(ILogger logger, string migration);
}
