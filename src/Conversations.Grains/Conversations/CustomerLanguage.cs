using Conversations.Abstractions.Tenants;

namespace Conversations.Grains.Conversations;

/// <summary>
/// The customer's language from what their channel reports (an IETF tag such as "en-US", Telegram's
/// <c>language_code</c>), used for the texts they read when there is a default set in it.
/// </summary>
internal static class CustomerLanguage
{
    private static readonly IReadOnlyDictionary<string, string> NoTexts = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>"en" for "en-US" or "en_GB"; null when the tag is missing or names a language without texts.</summary>
    public static string? From(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        var primary = tag.Trim().Split('-', '_')[0].ToLowerInvariant();
        return TenantTexts.Languages.Contains(primary) ? primary : null;
    }

    /// <summary>
    /// The settings in the customer's language: its default texts. The tenant's own texts are written in the tenant's
    /// language, so they apply only to customers of that language.
    /// </summary>
    public static TenantSettings Apply(TenantSettings settings, string? language) =>
        language is null || language == (settings.Language ?? TenantTexts.Languages[0])
            ? settings
            : settings with { Language = language, Texts = NoTexts };
}
