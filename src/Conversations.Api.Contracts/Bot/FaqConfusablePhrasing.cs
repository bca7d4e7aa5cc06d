namespace Conversations.Api.Contracts.Bot;

/// <summary>A phrasing that, left out of its entry, matched another entry best.</summary>
/// <param name="EntryId">The entry it belongs to.</param>
/// <param name="Text">The phrasing.</param>
/// <param name="MatchedId">The entry it matched instead.</param>
public sealed record FaqConfusablePhrasing(string EntryId, string Text, string MatchedId);
