using Conversations.Abstractions.Channels;

namespace Conversations.Abstractions.Conversations;

/// <summary>The messaging window of one channel: until when the business may still write to the customer there.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="LastCustomerMessageAt">The customer's last message on it: the window's start.</param>
/// <param name="BotClosesAt">End of the window for bot messages; null = no limit.</param>
/// <param name="HumanClosesAt">End of the window for a human operator's messages; null = no limit.</param>
/// <param name="Rule">The channel's rule, as named in refusals.</param>
[GenerateSerializer, Immutable, Alias("conv.MessagingWindow")]
public sealed record MessagingWindow(
    [property: Id(0)] ChannelKind Channel,
    [property: Id(1)] DateTimeOffset LastCustomerMessageAt,
    [property: Id(2)] DateTimeOffset? BotClosesAt,
    [property: Id(3)] DateTimeOffset? HumanClosesAt,
    [property: Id(4)] string Rule)
{
    /// <summary>
    /// The window of <paramref name="channel"/> that started at <paramref name="lastCustomerMessageAt"/>; when the
    /// platform said it had closed at <paramref name="closedAt"/> (after that start: WhatsApp 131047), it ends there.
    /// </summary>
    public static MessagingWindow For(ChannelKind channel, DateTimeOffset lastCustomerMessageAt, DateTimeOffset? closedAt = null)
    {
        var policy = ChannelCatalog.For(channel).Window;
        DateTimeOffset? bot = lastCustomerMessageAt + policy.Bot;
        DateTimeOffset? human = lastCustomerMessageAt + policy.Human;
        if (closedAt is { } closed && closed >= lastCustomerMessageAt)
        {
            bot = bot is { } b && b < closed ? b : closed;
            human = human is { } h && h < closed ? h : closed;
        }

        return new MessagingWindow(channel, lastCustomerMessageAt, bot, human, policy.RuleName);
    }

    /// <summary>True when a message from a human operator (or the bot) may still be sent at <paramref name="now"/>.</summary>
    public bool IsOpen(DateTimeOffset now, bool humanOperator) =>
        (humanOperator ? HumanClosesAt : BotClosesAt) is not { } closes || now < closes;
}
