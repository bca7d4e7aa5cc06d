namespace Conversations.Bot.Engine;

/// <summary><c>/start</c> (a deep link may carry <paramref name="Payload"/>, readable as <c>{start.payload}</c>).</summary>
public sealed record StartInput(string? Payload = null) : BotInput;
