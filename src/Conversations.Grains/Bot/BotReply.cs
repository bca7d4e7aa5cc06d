using Conversations.Messages;

namespace Conversations.Bot;

/// <summary>What the bot answers.</summary>
/// <param name="Messages">Messages to send to the customer, in order.</param>
/// <param name="SessionJson">The bot's state afterwards.</param>
public sealed record BotReply(IReadOnlyList<MessageContent> Messages, string? SessionJson)
{
    /// <summary>Says nothing, keeps the session.</summary>
    public static BotReply Silent(string? sessionJson) => new([], sessionJson);
}
