namespace Conversations.Bot.Effects;

/// <summary>
/// Something a bot turn asks the caller to do or to know besides sending messages: store a consent, a contact or an
/// attribute on the customer, hand the conversation over, count a survey score, ask the FAQ.
/// </summary>
public abstract record BotEffect;
