namespace Conversations.Abstractions.Channels;

/// <summary>
/// How long after a customer's last message the business may still write to them on a channel.
/// <c>null</c> means no limit.
/// </summary>
/// <param name="Bot">Window for automated (bot) messages.</param>
/// <param name="Human">Window for messages typed by a human operator (Messenger's HUMAN_AGENT tag allows longer).</param>
/// <param name="RuleName">The platform rule, named in errors when a reply is refused.</param>
[GenerateSerializer, Immutable, Alias("conv.MessagingWindowPolicy")]
public sealed record MessagingWindowPolicy(
    [property: Id(0)] TimeSpan? Bot,
    [property: Id(1)] TimeSpan? Human,
    [property: Id(2)] string RuleName)
{
    /// <summary>No messaging window: the business may write at any time.</summary>
    public static MessagingWindowPolicy Unlimited { get; } = new(null, null, "no messaging window");

    /// <summary>The window that applies to a message from <paramref name="humanOperator"/> or the bot.</summary>
    public TimeSpan? WindowFor(bool humanOperator) => humanOperator ? Human : Bot;
}
