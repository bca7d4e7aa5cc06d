using Conversations.Persistence.Media;
using Npgsql;

namespace Conversations.Persistence.Postgres;

/// <summary>The media store on PostgreSQL: one <c>media</c> row per tenant and SHA-256, the bytes in a bytea column.</summary>
public sealed class PostgresMediaStore(NpgsqlDataSource dataSource) : IMediaStore
{
    private const string Columns = "media_id, tenant_id, sha256, content_type, size, file_name, created_at";

    /// <inheritdoc />
    public async Task<StoredMedia> PutAsync(MediaUpload upload, long quotaBytes, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // One upload of a tenant at a time decides against the quota, so two parallel uploads cannot both fit in the
        // last free megabytes; other tenants are not held up (the lock is per tenant).
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended(@tenant::text, 15))", connection, transaction))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter<Guid>("tenant", upload.TenantId));
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        if (await FindByHashAsync(connection, transaction, upload, cancellationToken) is { } existing)
        {
            await using var touch = new NpgsqlCommand("UPDATE media SET last_used_at = greatest(last_used_at, @at) WHERE media_id = @id", connection, transaction);
            touch.Parameters.Add(new NpgsqlParameter<Guid>("id", existing.MediaId));
            touch.Parameters.Add(new NpgsqlParameter<DateTime>("at", upload.CreatedAt.UtcDateTime));
            await touch.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return existing;
        }

        await using (var usage = new NpgsqlCommand("SELECT coalesce(sum(size), 0)::bigint FROM media WHERE tenant_id = @tenant", connection, transaction))
        {
            usage.Parameters.Add(new NpgsqlParameter<Guid>("tenant", upload.TenantId));
            var used = (long)(await usage.ExecuteScalarAsync(cancellationToken))!;
            if (used + upload.Bytes.LongLength > quotaBytes)
            {
                throw MediaRefusedException.QuotaExceeded(used, upload.Bytes.LongLength, quotaBytes);
            }
        }

        await using (var insert = new NpgsqlCommand($"""
            INSERT INTO media ({Columns}, data) VALUES (@id, @tenant, @sha, @type, @size, @name, @at, @data)
            """, connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter<Guid>("id", upload.MediaId));
            insert.Parameters.Add(new NpgsqlParameter<Guid>("tenant", upload.TenantId));
            insert.Parameters.Add(new NpgsqlParameter<byte[]>("sha", upload.Sha256));
            insert.Parameters.Add(new NpgsqlParameter<string>("type", upload.ContentType));
            insert.Parameters.Add(new NpgsqlParameter<long>("size", upload.Bytes.LongLength));
            insert.Parameters.Add(new NpgsqlParameter<string?>("name", upload.FileName));
            insert.Parameters.Add(new NpgsqlParameter<DateTime>("at", upload.CreatedAt.UtcDateTime));
            insert.Parameters.Add(new NpgsqlParameter<byte[]>("data", upload.Bytes));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new StoredMedia(upload.MediaId, upload.TenantId, upload.Sha256, upload.ContentType, upload.Bytes.LongLength, upload.FileName, upload.CreatedAt);
    }

    /// <inheritdoc />
    public async Task<StoredMedia?> FindAsync(Guid tenantId, Guid mediaId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM media WHERE tenant_id = @tenant AND media_id = @id");
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", mediaId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <inheritdoc />
    public async Task<byte[]?> ReadAsync(Guid tenantId, Guid mediaId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT data FROM media WHERE tenant_id = @tenant AND media_id = @id");
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", mediaId));
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    /// <inheritdoc />
    public async Task<long> UsageAsync(Guid tenantId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT coalesce(sum(size), 0)::bigint FROM media WHERE tenant_id = @tenant");
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <inheritdoc />
    public async Task<int> DeleteOlderThanAsync(Guid tenantId, DateTimeOffset before, int limit = int.MaxValue, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            DELETE FROM media WHERE media_id IN (
                SELECT media_id FROM media WHERE tenant_id = @tenant AND coalesce(last_used_at, created_at) < @before LIMIT @limit)
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter<DateTime>("before", before.UtcDateTime));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<int> DeleteAllOlderThanAsync(DateTimeOffset before, IReadOnlyCollection<Guid> exceptTenants, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            DELETE FROM media WHERE media_id IN (
                SELECT media_id FROM media WHERE coalesce(last_used_at, created_at) < @before AND tenant_id <> ALL(@except) LIMIT @limit)
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTime>("before", before.UtcDateTime));
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("except", [.. exceptTenants]));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<StoredMedia?> FindByHashAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, MediaUpload upload, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM media WHERE tenant_id = @tenant AND sha256 = @sha", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", upload.TenantId));
        command.Parameters.Add(new NpgsqlParameter<byte[]>("sha", upload.Sha256));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static StoredMedia Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.GetGuid(1), reader.GetFieldValue<byte[]>(2), reader.GetString(3), reader.GetInt64(4),
        reader.IsDBNull(5) ? null : reader.GetString(5), new DateTimeOffset(reader.GetDateTime(6), TimeSpan.Zero));
}
