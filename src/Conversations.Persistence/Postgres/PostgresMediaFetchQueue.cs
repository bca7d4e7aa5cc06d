using Conversations.Abstractions.Channels;
using Conversations.Persistence.Media;
using Npgsql;

namespace Conversations.Persistence.Postgres;

/// <summary>The media fetch queue on PostgreSQL; rows are inserted by <see cref="ConversationWrites"/> with their messages.</summary>
public sealed class PostgresMediaFetchQueue(NpgsqlDataSource dataSource) : IMediaFetchQueue
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<MediaFetchEntry>> ClaimAsync(DateTimeOffset now, int limit, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        // A claim moves next_attempt_at past the lease: a silo that dies mid-fetch leaves the row due again then. The
        // claimed set is a materialized CTE, so the planner cannot rescan LIMIT … SKIP LOCKED per joined row.
        await using var command = dataSource.CreateCommand("""
            WITH due AS MATERIALIZED (
                SELECT id FROM media_fetches WHERE next_attempt_at <= @now ORDER BY next_attempt_at
                LIMIT @limit FOR UPDATE SKIP LOCKED)
            UPDATE media_fetches f SET next_attempt_at = @lease_until, attempts = f.attempts + 1
            FROM due
            WHERE f.id = due.id
            RETURNING f.id, f.tenant_id, f.conversation_id, f.seq, f.channel, f.account, f.reference, f.file_name, f.attempts - 1, f.created_at
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTime>("now", now.UtcDateTime));
        command.Parameters.Add(new NpgsqlParameter<DateTime>("lease_until", (now + lease).UtcDateTime));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        var claimed = new List<MediaFetchEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new MediaFetchEntry(reader.GetInt64(0),
                new MediaFetch(reader.GetGuid(1), reader.GetGuid(2), reader.GetInt64(3), (ChannelKind)reader.GetInt16(4),
                    reader.GetString(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                    new DateTimeOffset(reader.GetDateTime(9), TimeSpan.Zero)),
                reader.GetInt32(8)));
        }

        return claimed;
    }

    /// <inheritdoc />
    public async Task CompleteAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM media_fetches WHERE id = @id");
        command.Parameters.Add(new NpgsqlParameter<long>("id", id));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task RetryAsync(long id, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("UPDATE media_fetches SET next_attempt_at = @next, last_error = @error WHERE id = @id");
        command.Parameters.Add(new NpgsqlParameter<long>("id", id));
        command.Parameters.Add(new NpgsqlParameter<DateTime>("next", nextAttemptAt.UtcDateTime));
        command.Parameters.Add(new NpgsqlParameter<string>("error", error));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset?> NextDueAtAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT min(next_attempt_at) FROM media_fetches");
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime at ? new DateTimeOffset(at, TimeSpan.Zero) : null;
    }
}
