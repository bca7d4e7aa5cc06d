namespace Conversations.Abstractions.Customers;

/// <summary>A customer's answer to a request for consent (e.g. to process personal data).</summary>
/// <param name="Purpose">What the consent is for (e.g. "personal-data").</param>
/// <param name="Granted">The answer.</param>
/// <param name="TextVersion">Version of the text the customer was shown.</param>
/// <param name="Text">The text the customer was shown.</param>
/// <param name="At">When the customer answered.</param>
[GenerateSerializer, Immutable, Alias("conv.ConsentRecord")]
public sealed record ConsentRecord(
    [property: Id(0)] string Purpose,
    [property: Id(1)] bool Granted,
    [property: Id(2)] string TextVersion,
    [property: Id(3)] string Text,
    [property: Id(4)] DateTimeOffset At);
