namespace Conversations.Client.Models;

/// <summary>A customer's answer to a request for consent (e.g. to process personal data).</summary>
public sealed record ConsentRecord(string Purpose, bool Granted, string TextVersion, string Text, DateTimeOffset At);
