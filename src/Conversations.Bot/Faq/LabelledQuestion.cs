namespace Conversations.Bot.Faq;

/// <summary>A question with the entry that answers it, for evaluating a knowledge base.</summary>
/// <param name="Text">The question as a customer wrote it.</param>
/// <param name="ExpectedEntryId">The entry that answers it, or null when the knowledge base does not (out of scope).</param>
public sealed record LabelledQuestion(string Text, string? ExpectedEntryId)
{
    /// <summary>Whether the knowledge base is expected to answer it.</summary>
    public bool IsInScope => ExpectedEntryId is not null;
}
