using Conversations.Abstractions.Messages;

namespace Conversations.Grains.Bot;

/// <summary>What the bot answers.</summary>
/// <param name="Messages">Messages to send to the customer, in order.</param>
/// <param name="SessionJson">The bot's state afterwards.</param>
/// <param name="Understood">False when the bot could not help with this message (counts towards giving up).</param>
/// <param name="HandoffReason">Set when the bot hands the conversation to an operator (a scenario step, a low score...).</param>
/// <param name="CustomerUpdate">What the bot learnt about the customer (consents, contacts, attributes).</param>
/// <param name="Events">Events to keep in the history (the scenario restarted after a change...).</param>
public sealed record BotReply(
    IReadOnlyList<MessageContent> Messages,
    string? SessionJson,
    bool Understood = true,
    string? HandoffReason = null,
    Abstractions.Customers.CustomerUpdate? CustomerUpdate = null,
    IReadOnlyList<EventContent>? Events = null)
{
    /// <summary>Says nothing, keeps the session.</summary>
    public static BotReply Silent(string? sessionJson) => new([], sessionJson);
}
