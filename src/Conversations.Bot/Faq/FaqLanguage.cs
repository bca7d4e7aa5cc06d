namespace Conversations.Bot.Faq;

/// <summary>The language a tenant's knowledge base is written in: it decides how words are analysed.</summary>
public enum FaqLanguage
{
    /// <summary>Russian and English: Snowball Russian for Cyrillic words and the full Snowball English (Porter 2)
    /// stemmer for Latin ones.</summary>
    Mixed = 0,

    /// <summary>English: full Snowball English stemming ("cancelled", "cancellation" → "cancel") and English stop words.</summary>
    English = 1,

    /// <summary>Russian: Snowball Russian stemming; Latin words (brand names, "wifi") keep only plural stemming.</summary>
    Russian = 2,
}
