using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;

namespace Conversations.Abstractions.Outbound;

/// <summary>
/// A message the business starts (its CRM calls <c>POST /api/v1/messages</c>): what to send, on which channels in
/// which order, and the caller's idempotency key, which becomes the stored message's dedup key so a retried call
/// never sends twice.
/// </summary>
/// <param name="IdempotencyKey">The caller's key, unique per tenant.</param>
/// <param name="Content">What to send (a text with optional buttons, or a WhatsApp template).</param>
/// <param name="Channels">Channels to try in order; empty: the one the customer used last.</param>
/// <param name="MessageTag">A Messenger message tag for a message outside the 24-hour window, when its purpose allows one.</param>
/// <param name="Topic">
/// The subscription topic the message is about: refused for a customer who opted out of it, and on a marketing topic
/// sent with a way out (a button, or a line naming the unsubscribe keyword). Null: not about a topic.
/// </param>
/// <param name="Event">
/// A business event (<c>POST /api/v1/customers/{id}/events</c>): instead of <paramref name="Content"/> the scenario's entry
/// point for it runs and its messages are sent; <paramref name="Content"/> is then only what the channel rules judge (a text).
/// </param>
[GenerateSerializer, Immutable, Alias("conv.BusinessMessage")]
public sealed record BusinessMessage(
    [property: Id(0)] string IdempotencyKey,
    [property: Id(1)] MessageContent Content,
    [property: Id(2)] IReadOnlyList<ChannelKind> Channels,
    [property: Id(3)] string? MessageTag = null,
    [property: Id(4)] Subscriptions.SubscriptionTopic? Topic = null,
    [property: Id(5)] BusinessEvent? Event = null)
{
    /// <summary>The dedup key of the stored message: its own namespace, apart from channels' delivery ids.</summary>
    public string DedupKey => "api:" + IdempotencyKey;
}
