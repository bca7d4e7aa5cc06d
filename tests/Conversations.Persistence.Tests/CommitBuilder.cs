using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Channels;
using Conversations.Grains.Channels;
using Conversations.Grains.Conversations;
using Conversations.Persistence.Conversations;

namespace Conversations.Persistence.Tests;

/// <summary>Builds commits the way a conversation grain does: next seq, next version.</summary>
internal sealed class CommitBuilder(Guid tenantId, Guid? conversationId = null)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public Guid TenantId { get; } = tenantId;

    public Guid ConversationId { get; } = conversationId ?? Guid.NewGuid();

    public Guid CustomerId { get; } = Guid.NewGuid();

    public long Seq { get; private set; }

    public long Version { get; private set; }

    public ConversationCommit Next(params (MessageDirection Direction, string Text, string? DedupKey)[] messages)
    {
        var records = messages.Select(m => new MessageRecord(TenantId, CustomerId, m.DedupKey,
            new ChatMessage(Guid.NewGuid(), ConversationId, ++Seq, m.Direction, new TextContent(m.Text),
                ChannelKind.Telegram, m.DedupKey, null, Start.AddSeconds(Seq)))).ToList();
        var record = new ConversationRecord(TenantId, ConversationId, CustomerId, ConversationStatus.Bot, null, Start,
            null, Seq, Start.AddSeconds(Seq), Start.AddSeconds(Seq), null, ChannelKind.Telegram, "Anna", messages.LastOrDefault().Text ?? "",
            "{}", ++Version);
        return new ConversationCommit(record, records, []);
    }

    public ConversationCommit Customer(string text, string? dedupKey = null) =>
        Next((MessageDirection.Customer, text, dedupKey ?? Guid.NewGuid().ToString("N")));

    /// <summary>Forget the last commit (it failed): the grain does not advance on failure.</summary>
    public void Rollback(ConversationCommit failed)
    {
        Seq -= failed.Messages.Count;
        Version--;
    }
}
