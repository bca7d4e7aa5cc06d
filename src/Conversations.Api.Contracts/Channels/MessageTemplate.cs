using System.ComponentModel.DataAnnotations;

namespace Conversations.Api.Contracts.Channels;

/// <summary>
/// One of the tenant's WhatsApp message templates, as Meta's Message Templates API describes it. Operators send
/// approved ones to a customer whose 24-hour window has closed.
/// </summary>
/// <param name="Name">Its name at Meta (lowercase letters, digits and underscores).</param>
/// <param name="Language">Its language and locale code (<c>en_US</c>, <c>ru</c>).</param>
/// <param name="Status">Meta's review status (APPROVED, PENDING, REJECTED, PAUSED, DISABLED...); only APPROVED ones are sent. Registering without one means APPROVED.</param>
/// <param name="Category">MARKETING, UTILITY or AUTHENTICATION.</param>
/// <param name="Body">The body text with its <c>{{1}}</c> (or <c>{{name}}</c>) placeholders.</param>
/// <param name="Placeholders">The body's placeholders in order: a send gives one value for each. Read-only.</param>
/// <param name="Synced">True when it came from Meta with a sync, false when an admin registered it. Read-only.</param>
/// <param name="UpdatedAt">When it was registered or last synced. Read-only.</param>
public sealed record MessageTemplate(
    [property: MaxLength(FieldLimits.TemplateName)] string? Name,
    [property: MaxLength(FieldLimits.TemplateLanguage)] string? Language,
    [property: MaxLength(FieldLimits.ShortText)] string? Status,
    [property: MaxLength(FieldLimits.ShortText)] string? Category,
    [property: MaxLength(FieldLimits.TemplateBody)] string? Body,
    [property: MaxLength(FieldLimits.TemplateParameters)] IReadOnlyList<string>? Placeholders = null,
    bool Synced = false,
    DateTimeOffset? UpdatedAt = null);
