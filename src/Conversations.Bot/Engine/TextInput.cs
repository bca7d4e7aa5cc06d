namespace Conversations.Bot.Engine;

/// <summary>The customer typed <paramref name="Text"/>.</summary>
public sealed record TextInput(string Text) : BotInput;
