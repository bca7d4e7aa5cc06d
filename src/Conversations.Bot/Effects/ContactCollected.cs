namespace Conversations.Bot.Effects;

/// <summary>The customer gave a valid phone number or e-mail address; add it to the customer's profile.</summary>
public sealed record ContactCollected(ContactKind Kind, string Value) : BotEffect;
