using Conversations.Abstractions.Messages;

namespace Conversations.Grains.Bot;

/// <summary>What the bot answers.</summary>
/// <param name="Messages">Messages to send to the customer, in order.</param>
/// <param name="SessionJson">The bot's state afterwards.</param>
/// <param name="Understood">False when the bot could not help with this message (counts towards giving up).</param>
/// <param name="HandoffReason">Set when the bot hands the conversation to an operator (a scenario step, a low score...).</param>
/// <param name="CustomerUpdate">What the bot learnt about the customer (consents, contacts, attributes).</param>
/// <param name="Events">Events to keep in the history (the scenario restarted after a change...).</param>
/// <param name="OperatorOffer">
/// A message offering a human because the customer seems frustrated; sent after <see cref="Messages"/> unless the
/// conversation is handed over in this turn anyway.
/// </param>
/// <param name="OfferReason">Why the bot offered a human (for operators), set with <see cref="OperatorOffer"/>.</param>
/// <param name="UnderstandingJson">What the bot remembers to notice frustration; null: unchanged.</param>
/// <param name="HandoffCause">Why the bot hands over, for reports (with <see cref="HandoffReason"/>).</param>
/// <param name="VerificationCodes">One-time codes to send (a verify step), through the outbox.</param>
/// <param name="Verified">Contacts the customer confirmed with a code this turn, to link as verified facts of their identity.</param>
/// <param name="FaqChoice">The entry the customer chose in answer to "did you mean …?", to record for the admin.</param>
public sealed record BotReply(
    IReadOnlyList<MessageContent> Messages,
    string? SessionJson,
    bool Understood = true,
    string? HandoffReason = null,
    Abstractions.Customers.CustomerUpdate? CustomerUpdate = null,
    IReadOnlyList<EventContent>? Events = null,
    MessageContent? OperatorOffer = null,
    string? OfferReason = null,
    string? UnderstandingJson = null,
    Abstractions.Conversations.HandoffCause HandoffCause = Abstractions.Conversations.HandoffCause.ScenarioStep,
    IReadOnlyList<VerificationCode>? VerificationCodes = null,
    Abstractions.Customers.VerifiedFacts? Verified = null,
    FaqChoiceMade? FaqChoice = null)
{
    /// <summary>Says nothing, keeps the session.</summary>
    public static BotReply Silent(string? sessionJson) => new([], sessionJson);
}
