namespace Conversations.Abstractions.Channels;

/// <summary>
/// How long after a customer's last message the business may still write to them on a channel.
/// <c>null</c> means no limit.
/// </summary>
/// <param name="Bot">Window for automated (bot) messages.</param>
/// <param name="Human">Window for messages typed by a human operator (Messenger's HUMAN_AGENT tag allows longer).</param>
/// <param name="RuleName">The platform rule, named in errors when a reply is refused.</param>
/// <param name="HumanTag">
/// The platform's message tag a human operator's message must carry once the bot's (standard) window has passed, for
/// the longer <paramref name="Human"/> window to apply (Messenger's and Instagram's <c>HUMAN_AGENT</c>); null when none.
/// </param>
[GenerateSerializer, Immutable, Alias("conv.MessagingWindowPolicy")]
public sealed record MessagingWindowPolicy(
    [property: Id(0)] TimeSpan? Bot,
    [property: Id(1)] TimeSpan? Human,
    [property: Id(2)] string RuleName,
    [property: Id(3)] string? HumanTag = null)
{
    /// <summary>
    /// How long before the standard window ends a human operator's message is already tagged: a message committed just
    /// inside the window may leave the outbox just after it (a tagged human reply is allowed inside the window too).
    /// </summary>
    public static readonly TimeSpan HumanTagMargin = TimeSpan.FromHours(1);

    /// <summary>
    /// The tag a human operator's message sent at <paramref name="now"/> must carry when the customer last wrote at
    /// <paramref name="lastCustomerMessageAt"/>, or null when it needs none.
    /// </summary>
    public string? TagForHuman(DateTimeOffset lastCustomerMessageAt, DateTimeOffset now) =>
        HumanTag is { } tag && Bot is { } standard && now >= lastCustomerMessageAt + standard - HumanTagMargin ? tag : null;

    /// <summary>No messaging window: the business may write at any time.</summary>
    public static MessagingWindowPolicy Unlimited { get; } = new(null, null, "no messaging window");

    /// <summary>The window that applies to a message from <paramref name="humanOperator"/> or the bot.</summary>
    public TimeSpan? WindowFor(bool humanOperator) => humanOperator ? Human : Bot;
}
