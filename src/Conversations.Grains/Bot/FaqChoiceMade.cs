namespace Conversations.Grains.Bot;

/// <summary>The customer answered "did you mean …?" with an entry: recorded for the admin after the turn commits.</summary>
/// <param name="Question">The customer's question the entries were offered for.</param>
/// <param name="EntryId">The entry chosen.</param>
public sealed record FaqChoiceMade(string Question, string EntryId);
