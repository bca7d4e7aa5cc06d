using Conversations.Persistence.Media;
using Npgsql;

namespace Conversations.Persistence.Postgres;

/// <summary>Mails' originals in <c>email_originals</c> (migration 0030).</summary>
public sealed class PostgresMailOriginalStore(NpgsqlDataSource dataSource) : IMailOriginalStore
{
    /// <inheritdoc />
    public async Task LinkAsync(Guid tenantId, Guid conversationId, Guid messageId, Guid mediaId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO email_originals (tenant_id, message_id, conversation_id, media_id) VALUES (@tenant, @message, @conversation, @media)
            ON CONFLICT (tenant_id, message_id) DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("message", messageId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("conversation", conversationId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("media", mediaId));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Guid?> FindAsync(Guid tenantId, Guid conversationId, Guid messageId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT media_id FROM email_originals WHERE tenant_id = @tenant AND message_id = @message AND conversation_id = @conversation");
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("message", messageId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("conversation", conversationId));
        return await command.ExecuteScalarAsync(cancellationToken) is Guid mediaId ? mediaId : null;
    }
}
