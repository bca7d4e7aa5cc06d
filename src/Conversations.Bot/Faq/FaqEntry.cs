namespace Conversations.Bot.Faq;

/// <summary>One answer of a tenant's knowledge base and the ways customers ask for it.</summary>
/// <param name="Id">Stable id (for statistics and for operators' corrections).</param>
/// <param name="Questions">Question variants; more variants in the customers' own words make matching better.</param>
/// <param name="Answer">The answer sent to the customer (plain text).</param>
public sealed record FaqEntry(string Id, IReadOnlyList<string> Questions, string Answer);
