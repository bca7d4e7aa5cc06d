namespace Conversations.Bot.Engine;

/// <summary>The customer pressed a button carrying <paramref name="Payload"/>.</summary>
public sealed record ButtonPressInput(string Payload, string? Label = null) : BotInput;
