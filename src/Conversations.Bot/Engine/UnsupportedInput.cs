namespace Conversations.Bot.Engine;

/// <summary>The customer sent something the bot cannot read (a sticker, a voice note...).</summary>
public sealed record UnsupportedInput(string Kind) : BotInput;
