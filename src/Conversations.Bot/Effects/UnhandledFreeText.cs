namespace Conversations.Bot.Effects;

/// <summary>
/// The customer's text matched nothing the scenario expected (no menu option, no answer); the engine sent nothing,
/// so the caller may ask the FAQ and, when it does not know either, offer a human.
/// </summary>
public sealed record UnhandledFreeText(string Text) : BotEffect;
