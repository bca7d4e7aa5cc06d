namespace Conversations.Api.Contracts.Bot;

/// <summary>What the FAQ makes of a question: the best entry, its score, and whether the bot would answer with it.</summary>
/// <param name="EntryId">The best matching entry, or null when nothing matched.</param>
/// <param name="Answer">That entry's answer.</param>
/// <param name="Confidence">How much of the question the entry covers (0–1).</param>
/// <param name="Threshold">The tenant's FAQ threshold.</param>
/// <param name="Answers">True when the bot would answer (confidence at or above the threshold), false when it would say it is not sure.</param>
/// <param name="RunnerUpId">The second best entry, or null.</param>
/// <param name="RunnerUpConfidence">Its score.</param>
public sealed record FaqTryResult(string? EntryId, string? Answer, double Confidence, double Threshold, bool Answers, string? RunnerUpId, double RunnerUpConfidence);
