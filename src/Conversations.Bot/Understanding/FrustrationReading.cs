namespace Conversations.Bot.Understanding;

/// <summary>The frustration meter's reading after one customer message.</summary>
/// <param name="State">The state to keep for the next turn.</param>
/// <param name="OfferOperator">True when the score crossed the threshold now: the bot offers a human.</param>
/// <param name="Reason">For operators: which signals added up (set with <see cref="OfferOperator"/>).</param>
public sealed record FrustrationReading(FrustrationState State, bool OfferOperator, string? Reason);
