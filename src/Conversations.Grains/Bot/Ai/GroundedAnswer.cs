namespace Conversations.Grains.Bot.Ai;

/// <summary>An answer the model wrote from one FAQ entry.</summary>
/// <param name="EntryId">The entry it cites (one of those it was given).</param>
/// <param name="Text">The answer, without the citation.</param>
public sealed record GroundedAnswer(string EntryId, string Text);
