using Conversations.Abstractions.Messages;
using Conversations.Bot.Effects;

namespace Conversations.Bot.Engine;

/// <summary>What one turn produced.</summary>
/// <param name="Messages">Messages to send, in order, already fitted to the channel.</param>
/// <param name="Session">The session to keep for the next turn.</param>
/// <param name="Effects">What the caller should do besides sending (store consent, hand over, ask the FAQ...).</param>
public sealed record BotTurnResult(IReadOnlyList<MessageContent> Messages, BotSession Session, IReadOnlyList<BotEffect> Effects)
{
    /// <summary>The first effect of type <typeparamref name="T"/>, or null.</summary>
    public T? Effect<T>() where T : BotEffect => Effects.OfType<T>().FirstOrDefault();
}
