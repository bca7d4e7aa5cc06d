using Conversations.Grains.Bot;

namespace Conversations.Grains.Conversations;

/// <summary>
/// A bot turn that calls the business's system, running outside the conversation grain's turn: the customer message
/// it answers, the bot session it started from, and the reply in flight.
/// </summary>
/// <param name="Seq">The customer message it answers.</param>
/// <param name="SessionJson">The bot session the turn started from; the reply is used only if the session is still this one.</param>
/// <param name="Reply">The bot's reply in flight.</param>
internal sealed record OutsideBotTurn(long Seq, string? SessionJson, Task<BotReply> Reply);
