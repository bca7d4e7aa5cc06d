using System.Text;
using System.Text.RegularExpressions;

namespace Conversations.Abstractions.Channels;

/// <summary>
/// One of a tenant's WhatsApp message templates, as Meta's Message Templates API describes it
/// (developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-management: <c>name</c>,
/// <c>language</c>, <c>status</c>, <c>category</c>, and the <c>BODY</c> component's <c>text</c> with <c>{{1}}</c> or
/// <c>{{name}}</c> placeholders).
/// </summary>
/// <param name="Name">Its name at Meta.</param>
/// <param name="Language">Its language and locale code.</param>
/// <param name="Status">Meta's review status: APPROVED, PENDING, REJECTED, PAUSED, DISABLED. Only approved templates are sent.</param>
/// <param name="Category">MARKETING, UTILITY or AUTHENTICATION.</param>
/// <param name="Body">The body text with its placeholders.</param>
/// <param name="Synced">True when it came from Meta (a sync replaces it); false when an admin registered it through our API.</param>
/// <param name="UpdatedAt">When it was registered or last synced.</param>
[GenerateSerializer, Immutable, Alias("conv.MessageTemplate")]
public sealed partial record MessageTemplate(
    [property: Id(0)] string Name,
    [property: Id(1)] string Language,
    [property: Id(2)] string Status,
    [property: Id(3)] string Category,
    [property: Id(4)] string Body,
    [property: Id(5)] bool Synced,
    [property: Id(6)] DateTimeOffset UpdatedAt)
{
    /// <summary>Meta's status of a template that may be sent.</summary>
    public const string Approved = "APPROVED";

    /// <summary>True when Meta approved it.</summary>
    public bool IsApproved => string.Equals(Status, Approved, StringComparison.OrdinalIgnoreCase);

    /// <summary>The body's distinct placeholders in order of first appearance (<c>1</c>, <c>2</c> or <c>first_name</c>).</summary>
    public IReadOnlyList<string> Placeholders => [.. PlaceholderPattern().Matches(Body).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal)];

    /// <summary>The body as the customer reads it with <paramref name="values"/> in its placeholders (one value per placeholder, in order).</summary>
    public string Fill(IReadOnlyList<string> values)
    {
        var names = Placeholders;
        return PlaceholderPattern().Replace(Body, m =>
        {
            var index = IndexOf(names, m.Groups[1].Value);
            return index >= 0 && index < values.Count ? values[index] : m.Value;
        });
    }

    /// <summary>A template's key in a library: name and language (Meta allows one template per name and language).</summary>
    public static string KeyOf(string name, string language) => new StringBuilder(name).Append('/').Append(language).ToString();

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_]{1,64})\s*\}\}")]
    private static partial Regex PlaceholderPattern();
}
