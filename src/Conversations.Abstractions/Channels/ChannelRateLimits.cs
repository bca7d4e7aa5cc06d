namespace Conversations.Abstractions.Channels;

/// <summary>
/// How fast the platform lets one account send, overall and into one recipient's chat. <c>null</c> means the
/// platform's documentation states no figure; delivery then uses its configured defaults.
/// </summary>
/// <param name="PerAccountPerSecond">Sustained messages per second through one account (bot, page, phone number).</param>
/// <param name="PerAccountBurst">Messages one account may send at once before pacing starts.</param>
/// <param name="PerRecipientPerSecond">Sustained messages per second into one recipient's chat.</param>
/// <param name="PerRecipientBurst">Messages one recipient may receive at once before pacing starts.</param>
/// <param name="InboundCounts">The platform counts messages the account receives against the same per-account budget (WhatsApp).</param>
[GenerateSerializer, Immutable, Alias("conv.ChannelRateLimits")]
public sealed record ChannelRateLimits(
    [property: Id(0)] double? PerAccountPerSecond,
    [property: Id(1)] int? PerAccountBurst,
    [property: Id(2)] double? PerRecipientPerSecond,
    [property: Id(3)] int? PerRecipientBurst,
    [property: Id(4)] bool InboundCounts = false)
{
    /// <summary>The platform states no rate limit; delivery's configured defaults apply.</summary>
    public static ChannelRateLimits NotStated { get; } = new(null, null, null, null);
}
