namespace Conversations.Api.Contracts.Customers;

/// <summary>A customer's answer to a request for consent (e.g. to process personal data).</summary>
/// <param name="Purpose">What the consent is for (e.g. "personal-data").</param>
/// <param name="Granted">The answer.</param>
/// <param name="TextVersion">Version of the text the customer was shown.</param>
/// <param name="Text">The text the customer was shown.</param>
/// <param name="At">When the customer answered.</param>
public sealed record ConsentRecord(
    string Purpose,
    bool Granted,
    string TextVersion,
    string Text,
    DateTimeOffset At);
