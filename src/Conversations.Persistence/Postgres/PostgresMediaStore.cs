using Conversations.Persistence.Media;
using Npgsql;

namespace Conversations.Persistence.Postgres;

/// <summary>
/// The media store on PostgreSQL: one <c>media</c> row per tenant and SHA-256, the bytes in a bytea column, or, given a
/// <paramref name="bucket"/> (<c>Conversations:Media:Store = S3</c>), in the bucket under <c>{tenant}/{sha256}</c> while
/// the row keeps the metadata, so the quota, retention and tenant checks stay transactional in one place.
/// </summary>
public sealed class PostgresMediaStore(NpgsqlDataSource dataSource, IMediaBucket? bucket = null) : IMediaStore
{
    private const string Columns = "media_id, tenant_id, sha256, content_type, size, file_name, created_at";

    /// <summary>The bucket key of a tenant's bytes: content-addressed within the tenant, as the rows are.</summary>
    public static string BucketKey(Guid tenantId, byte[] sha256) => $"{tenantId:N}/{Convert.ToHexStringLower(sha256)}";

    // Puts and retention of one tenant take turns on this lock: a file deleted by retention cannot be stored again in
    // between (its bytes would be deleted from the bucket under the new row).
    private const string TenantLock = "hashtextextended(@tenant::text, 15)";

    /// <inheritdoc />
    public async Task<StoredMedia> PutAsync(MediaUpload upload, long quotaBytes, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // One upload of a tenant at a time decides against the quota, so two parallel uploads cannot both fit in the
        // last free megabytes; other tenants are not held up (the lock is per tenant).
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({TenantLock})", connection, transaction))
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

        if (bucket is not null)
        {
            // Written before the row: a row never points at bytes that are not there (a failed insert leaves an object
            // that the same bytes overwrite when they come again).
            await bucket.PutAsync(BucketKey(upload.TenantId, upload.Sha256), upload.Bytes, upload.ContentType, cancellationToken);
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
            insert.Parameters.Add(new NpgsqlParameter<byte[]?>("data", bucket is null ? upload.Bytes : null));
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
    public Task<byte[]?> ReadAsync(Guid tenantId, Guid mediaId, CancellationToken cancellationToken = default) =>
        ReadBytesAsync(tenantId, mediaId, "data", 0, null, cancellationToken);

    /// <inheritdoc />
    public Task<byte[]?> ReadRangeAsync(Guid tenantId, Guid mediaId, long offset, int count, CancellationToken cancellationToken = default) =>
        ReadBytesAsync(tenantId, mediaId, "substring(data from @from::int + 1 for @count)", offset, count, cancellationToken);

    private async Task<byte[]?> ReadBytesAsync(Guid tenantId, Guid mediaId, string bytes, long offset, int? count, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {bytes}, sha256 FROM media WHERE tenant_id = @tenant AND media_id = @id");
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", mediaId));
        command.Parameters.Add(new NpgsqlParameter<long>("from", offset));
        command.Parameters.Add(new NpgsqlParameter<int>("count", count ?? 0));
        byte[] sha256;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            if (!reader.IsDBNull(0))
            {
                return reader.GetFieldValue<byte[]>(0);
            }

            sha256 = reader.GetFieldValue<byte[]>(1);
        }

        return bucket is null
            ? throw new MediaStorageUnavailableException($"File {mediaId:N} is kept in a media bucket, and no bucket is configured (Conversations:Media:Store).")
            : await bucket.ReadAsync(BucketKey(tenantId, sha256), offset, count, cancellationToken)
                ?? throw new MediaStorageUnavailableException($"The media bucket has no object for file {mediaId:N}.");
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
        if (bucket is not null)
        {
            return await DeleteWithObjectsAsync(bucket, tenantId, before, limit, cancellationToken);
        }

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
        if (bucket is not null)
        {
            return await DeleteAllWithObjectsAsync(bucket, before, exceptTenants, limit, cancellationToken);
        }

        await using var command = dataSource.CreateCommand("""
            DELETE FROM media WHERE media_id IN (
                SELECT media_id FROM media WHERE coalesce(last_used_at, created_at) < @before AND tenant_id <> ALL(@except) LIMIT @limit)
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTime>("before", before.UtcDateTime));
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("except", [.. exceptTenants]));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<int> DeleteAllWithObjectsAsync(IMediaBucket objects, DateTimeOffset before, IReadOnlyCollection<Guid> exceptTenants, int limit, CancellationToken cancellationToken)
    {
        var expired = new List<(Guid Tenant, int Count)>();
        await using (var command = dataSource.CreateCommand("""
            SELECT tenant_id, count(*)::int FROM (
                SELECT tenant_id FROM media WHERE coalesce(last_used_at, created_at) < @before AND tenant_id <> ALL(@except) LIMIT @limit) expired
            GROUP BY tenant_id
            """))
        {
            command.Parameters.Add(new NpgsqlParameter<DateTime>("before", before.UtcDateTime));
            command.Parameters.Add(new NpgsqlParameter<Guid[]>("except", [.. exceptTenants]));
            command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                expired.Add((reader.GetGuid(0), reader.GetInt32(1)));
            }
        }

        var deleted = 0;
        foreach (var (tenant, count) in expired)
        {
            deleted += await DeleteWithObjectsAsync(objects, tenant, before, count, cancellationToken);
        }

        return deleted;
    }

    /// <summary>
    /// Retention with a bucket: the rows go first (committed), then their objects, all under the tenant's lock so the same
    /// bytes cannot be stored again in between. A bucket failure after the commit leaves objects no row points at (the
    /// same bytes stored again overwrite them), never a row without its bytes.
    /// </summary>
    private async Task<int> DeleteWithObjectsAsync(IMediaBucket objects, Guid tenantId, DateTimeOffset before, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_lock({TenantLock})", connection))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            var keys = new List<string>();
            var rows = 0;
            await using (var delete = new NpgsqlCommand("""
                DELETE FROM media WHERE media_id IN (
                    SELECT media_id FROM media WHERE tenant_id = @tenant AND coalesce(last_used_at, created_at) < @before LIMIT @limit)
                RETURNING sha256, data IS NULL
                """, connection))
            {
                delete.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
                delete.Parameters.Add(new NpgsqlParameter<DateTime>("before", before.UtcDateTime));
                delete.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
                await using var reader = await delete.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows++;
                    if (reader.GetBoolean(1))
                    {
                        keys.Add(BucketKey(tenantId, reader.GetFieldValue<byte[]>(0)));
                    }
                }
            }

            foreach (var key in keys)
            {
                await objects.DeleteAsync(key, cancellationToken);
            }

            return rows;
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({TenantLock})", connection);
            unlock.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
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
