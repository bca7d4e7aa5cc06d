namespace Conversations.Bot.Faq;

/// <summary>A tenant's own words for its FAQ, added to the built-in <see cref="SupportLexicon"/>.</summary>
/// <param name="Synonyms">Groups of words or phrases that mean the same in this business ("абонплата, абонентская плата").</param>
/// <param name="StopPhrases">Phrases ignored in questions and entries ("подскажите пожалуйста", "добрый день").</param>
public sealed record FaqTuning(IReadOnlyList<IReadOnlyList<string>> Synonyms, IReadOnlyList<string> StopPhrases)
{
    /// <summary>No tenant words: the built-in lexicon only.</summary>
    public static FaqTuning None { get; } = new([], []);
}
