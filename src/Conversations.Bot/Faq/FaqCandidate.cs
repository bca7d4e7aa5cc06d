namespace Conversations.Bot.Faq;

/// <summary>One of the entries closest to a question.</summary>
/// <param name="Entry">The entry.</param>
/// <param name="Score">Its score before the ambiguity discount, in [0, 1].</param>
public sealed record FaqCandidate(FaqEntry Entry, double Score);
