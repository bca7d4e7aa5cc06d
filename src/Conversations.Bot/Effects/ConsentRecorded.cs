using Conversations.Abstractions.Customers;

namespace Conversations.Bot.Effects;

/// <summary>The customer answered a consent request; store <paramref name="Consent"/> on the customer's profile.</summary>
public sealed record ConsentRecorded(ConsentRecord Consent) : BotEffect;
