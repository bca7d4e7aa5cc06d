using System.ComponentModel.DataAnnotations;

namespace Conversations.Api.Contracts.Messages;

/// <summary>A WhatsApp message template to send: one of the tenant's library (<c>GET /api/v1/whatsapp-templates</c>).</summary>
/// <param name="Name">The template's name.</param>
/// <param name="Language">Its language code, as in the library.</param>
/// <param name="Parameters">One value per placeholder of its body, in order (each 1 to 1024 characters).</param>
public sealed record SendTemplate(
    [property: MaxLength(FieldLimits.TemplateName)] string? Name,
    [property: MaxLength(FieldLimits.TemplateLanguage)] string? Language,
    [property: MaxLength(FieldLimits.TemplateParameters)] IReadOnlyList<string>? Parameters = null);
