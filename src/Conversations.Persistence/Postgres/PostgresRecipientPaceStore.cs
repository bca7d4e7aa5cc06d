using Conversations.Abstractions.Channels;
using Conversations.Persistence.Outbox;
using Npgsql;

namespace Conversations.Persistence.Postgres;

/// <summary>
/// Recipients' pace in <c>recipient_pace</c> (migration 0023): each take is one upsert that reads, judges and moves the
/// recipient's tat under its row lock, so two silos taking for one recipient at once are serialised by PostgreSQL.
/// </summary>
public sealed class PostgresRecipientPaceStore(NpgsqlDataSource dataSource) : IRecipientPaceStore
{
    /// <inheritdoc />
    public async Task<TimeSpan?> TryTakeAsync(ChannelAddress to, DateTimeOffset now, RecipientPaceRate rate, CancellationToken cancellationToken = default)
    {
        // The SET expressions all read the row as it was; "granted" keeps the verdict for RETURNING, which shows the new row only.
        await using var command = dataSource.CreateCommand("""
            INSERT INTO recipient_pace AS p (channel, account, chat_id, tat, granted)
            VALUES (@channel, @account, @chat, @now + @interval, true)
            ON CONFLICT (channel, account, chat_id) DO UPDATE SET
                granted = GREATEST(p.tat, @now) - @now <= @tolerance,
                tat = CASE WHEN GREATEST(p.tat, @now) - @now <= @tolerance THEN GREATEST(p.tat, @now) + @interval ELSE p.tat END
            RETURNING granted, tat
            """);
        AddRecipient(command, to);
        command.Parameters.Add(new NpgsqlParameter<DateTime>("now", now.UtcDateTime));
        command.Parameters.Add(new NpgsqlParameter<TimeSpan>("interval", rate.Interval));
        command.Parameters.Add(new NpgsqlParameter<TimeSpan>("tolerance", rate.Tolerance));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        if (reader.GetBoolean(0))
        {
            return null;
        }

        var tat = new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero);
        return tat - rate.Tolerance - now;
    }

    /// <inheritdoc />
    public async Task HoldOffAsync(ChannelAddress to, DateTimeOffset until, RecipientPaceRate rate, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO recipient_pace AS p (channel, account, chat_id, tat, granted)
            VALUES (@channel, @account, @chat, @tat, false)
            ON CONFLICT (channel, account, chat_id) DO UPDATE SET tat = GREATEST(p.tat, EXCLUDED.tat), granted = false
            """);
        AddRecipient(command, to);
        command.Parameters.Add(new NpgsqlParameter<DateTime>("tat", rate.HoldOff(null, until).UtcDateTime));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<int> ForgetIdleAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM recipient_pace WHERE tat <= @now");
        command.Parameters.Add(new NpgsqlParameter<DateTime>("now", now.UtcDateTime));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddRecipient(NpgsqlCommand command, ChannelAddress to)
    {
        command.Parameters.Add(new NpgsqlParameter<short>("channel", (short)to.Kind));
        command.Parameters.Add(new NpgsqlParameter<string>("account", to.Account));
        command.Parameters.Add(new NpgsqlParameter<string>("chat", to.ChatId));
    }
}
