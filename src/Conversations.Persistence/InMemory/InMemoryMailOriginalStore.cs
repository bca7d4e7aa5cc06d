using System.Collections.Concurrent;
using Conversations.Persistence.Media;

namespace Conversations.Persistence.InMemory;

/// <summary>Mails' originals in process memory, for the embedded mode.</summary>
public sealed class InMemoryMailOriginalStore : IMailOriginalStore
{
    private readonly ConcurrentDictionary<(Guid Tenant, Guid Message), (Guid Conversation, Guid Media)> _links = new();

    /// <inheritdoc />
    public Task LinkAsync(Guid tenantId, Guid conversationId, Guid messageId, Guid mediaId, CancellationToken cancellationToken = default)
    {
        _links.TryAdd((tenantId, messageId), (conversationId, mediaId));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<Guid?> FindAsync(Guid tenantId, Guid conversationId, Guid messageId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_links.TryGetValue((tenantId, messageId), out var link) && link.Conversation == conversationId ? link.Media : (Guid?)null);
}
