namespace Conversations.Bot.Text;

/// <summary>One word of a text as <see cref="TextNormalizer.Words"/> sees it.</summary>
/// <param name="Word">The word lower-cased, "ё" written "е".</param>
/// <param name="Stem">Its stem (Snowball Russian; English plurals and possessives removed).</param>
/// <param name="IsStopWord">Whether it is a function word of the Snowball lists ("где", "мой", "the").</param>
public readonly record struct NormalizedWord(string Word, string Stem, bool IsStopWord);
