namespace Conversations.Api.Contracts.Bot;

/// <summary>An FAQ entry: ways customers ask a question, and the answer.</summary>
/// <param name="Id">Its id (letters, digits, dashes).</param>
/// <param name="Questions">Question variants.</param>
/// <param name="Answer">The answer the bot gives.</param>
public sealed record KnowledgeEntry(
    string Id,
    IReadOnlyList<string> Questions,
    string Answer);
