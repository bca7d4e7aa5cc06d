namespace Conversations.Bot.Faq;

/// <summary>An entry's questions and answer as terms, kept so that a matcher derived by <see cref="FaqMatcher.With"/>
/// does not analyse unchanged entries again.</summary>
internal sealed record AnalysedEntry(FaqEntry Entry, IReadOnlyList<List<string>> Questions, List<string> Answer);
