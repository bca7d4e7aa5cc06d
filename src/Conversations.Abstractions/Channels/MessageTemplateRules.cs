using System.Text.RegularExpressions;

namespace Conversations.Abstractions.Channels;

/// <summary>
/// What a WhatsApp message template must look like to be kept: Meta's name rule (at most 512 lowercase letters, digits
/// and underscores), a language code such as <c>en_US</c> or <c>ru</c>, one of Meta's statuses and categories, and a
/// body of 1 to 1024 characters (developers.facebook.com/documentation/business-messaging/whatsapp/templates).
/// </summary>
public static partial class MessageTemplateRules
{
    /// <summary>Longest template name.</summary>
    public const int MaxNameLength = 512;

    /// <summary>Longest body text.</summary>
    public const int MaxBodyLength = 1024;

    /// <summary>Most templates one tenant keeps.</summary>
    public const int MaxTemplates = 1000;

    /// <summary>Meta's review statuses.</summary>
    public static readonly IReadOnlySet<string> Statuses = new HashSet<string>(StringComparer.Ordinal)
        { "APPROVED", "PENDING", "REJECTED", "PAUSED", "DISABLED", "IN_APPEAL", "PENDING_DELETION", "DELETED", "LIMIT_EXCEEDED", "ARCHIVED" };

    /// <summary>Meta's template categories.</summary>
    public static readonly IReadOnlySet<string> Categories = new HashSet<string>(StringComparer.Ordinal) { "MARKETING", "UTILITY", "AUTHENTICATION" };

    /// <summary>What is wrong with <paramref name="template"/>, naming the field, or null when it may be kept.</summary>
    public static string? Problem(MessageTemplate template)
    {
        if (template.Name is not { Length: > 0 and <= MaxNameLength } || !NamePattern().IsMatch(template.Name))
        {
            return $"name: 1 to {MaxNameLength} lowercase letters, digits and underscores, as the template is named in WhatsApp Manager.";
        }

        if (template.Language is null || !LanguagePattern().IsMatch(template.Language))
        {
            return "language: a language or language_locale code such as en_US or ru, as the template is registered at Meta.";
        }

        if (template.Status is null || !Statuses.Contains(template.Status))
        {
            return $"status: one of {string.Join(", ", Statuses.Order(StringComparer.Ordinal))}.";
        }

        if (template.Category is null || !Categories.Contains(template.Category))
        {
            return "category: MARKETING, UTILITY or AUTHENTICATION.";
        }

        return template.Body is { Length: > 0 and <= MaxBodyLength } && !string.IsNullOrWhiteSpace(template.Body)
            ? null
            : $"body: the template's body text with its {{{{1}}}} placeholders, 1 to {MaxBodyLength} characters.";
    }

    [GeneratedRegex("^[a-z0-9_]+$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z]{2,3}(_[A-Za-z0-9]{2,4})?$")]
    private static partial Regex LanguagePattern();
}
