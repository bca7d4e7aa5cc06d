using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;

namespace Conversations.Persistence.Outbox;

/// <summary>The durable outbox. Items enter with a <see cref="Conversations.ConversationCommit"/>; dispatchers claim and settle them.</summary>
public interface IOutboxStore
{
    /// <summary>
    /// Claims up to <paramref name="limit"/> due items for <paramref name="lease"/>: only the oldest open item of each
    /// chat (so a chat's messages go out in order), pending ones whose time has come and sending ones whose lease ran
    /// out. Safe to call from several silos at once: an item is claimed by one.
    /// </summary>
    Task<IReadOnlyList<OutboxEntry>> ClaimAsync(DateTimeOffset now, int limit, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds items that belong to no conversation commit (a notification to the business about one of its channel
    /// accounts); an item whose message id is there already is left as it is, so a repeated call adds nothing.
    /// </summary>
    Task EnqueueAsync(IReadOnlyList<OutboxItem> items, CancellationToken cancellationToken = default);

    /// <summary>The channel accepted the message.</summary>
    Task MarkSentAsync(long id, string? channelMessageId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Try again at <paramref name="nextAttemptAt"/>; <paramref name="attempted"/> says whether a send was made.</summary>
    Task RescheduleAsync(long id, DateTimeOffset nextAttemptAt, string? error, bool attempted, CancellationToken cancellationToken = default);

    /// <summary>
    /// Hands rows this silo holds back to the poll, due now (pushed rows it will not send itself: the silo is stopping,
    /// or an older row of their chat went back to the poll). Only rows still under the lease given with each are
    /// released; a row whose lease ran out and that another silo took over stays as it is.
    /// </summary>
    Task ReleaseAsync(IReadOnlyList<(long Id, DateTimeOffset LeaseUntil)> rows, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Gives up: <see cref="DeliveryStatus.Failed"/> or <see cref="DeliveryStatus.Blocked"/>.</summary>
    Task MarkFailedAsync(long id, DeliveryStatus status, string error, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies what the channel later reported about a message it accepted (a status webhook or receipt):
    /// <see cref="DeliveryStatus.Delivered"/>, <see cref="DeliveryStatus.Read"/> or <see cref="DeliveryStatus.Failed"/>
    /// (with <paramref name="error"/>). Only forward: sent, then delivered, then read; a failure replaces sent or
    /// delivered; a report about an older state, a redelivered one, or one about a pending, blocked or failed message
    /// changes nothing. Returns the message's conversation when the tenant has that outbound message, else null.
    /// </summary>
    Task<Guid?> ApplyReceiptAsync(Guid tenantId, Guid messageId, DeliveryStatus status, string? error, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies a receipt that covers a whole chat up to a point (Messenger's delivery and read watermarks): every message
    /// to <paramref name="chat"/> the channel accepted at or before <paramref name="watermark"/> (or, without one, at or
    /// before the message the channel knows as <paramref name="channelMessageId"/>) moves forward to
    /// <paramref name="status"/> as <see cref="ApplyReceiptAsync"/> does. Returns how many moved.
    /// </summary>
    Task<int> ApplyChatReceiptAsync(Guid tenantId, ChannelAddress chat, DeliveryStatus status, DateTimeOffset? watermark, string? channelMessageId,
        DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Our id of the message the channel accepted into <paramref name="chat"/> as <paramref name="channelMessageId"/>
    /// (for a receipt that names one message by the channel's id, such as Viber's failed callback), or null.
    /// </summary>
    Task<Guid?> FindByChannelMessageIdAsync(Guid tenantId, ChannelAddress chat, string channelMessageId, CancellationToken cancellationToken = default);

    /// <summary>Delivery state of the tenant's messages (absent: not an outbound message).</summary>
    Task<IReadOnlyDictionary<Guid, DeliveryInfo>> GetDeliveryAsync(Guid tenantId, IReadOnlyCollection<Guid> messageIds, CancellationToken cancellationToken = default);

    /// <summary>One outbound message of the tenant by its id, or null when the tenant has no such outbound message.</summary>
    Task<OutboundMessageState?> FindMessageAsync(Guid tenantId, Guid messageId, CancellationToken cancellationToken = default);

    /// <summary>
    /// When the next item a claim could take falls due (null when none), so a dispatcher can sleep until then: the
    /// oldest open row of each chat only, as rows behind it wait for it to be settled, not for a time.
    /// </summary>
    Task<DateTimeOffset?> NextDueAtAsync(CancellationToken cancellationToken = default);

    /// <summary>How many items are open and how old the oldest is (outbox lag).</summary>
    Task<(long Open, DateTimeOffset? OldestCreatedAt)> GetBacklogAsync(CancellationToken cancellationToken = default);
}
