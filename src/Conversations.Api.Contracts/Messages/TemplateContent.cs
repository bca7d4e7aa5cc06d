using System.ComponentModel.DataAnnotations;

namespace Conversations.Api.Contracts.Messages;

/// <summary>
/// An approved WhatsApp message template (the only kind of message WhatsApp lets a business send outside the 24-hour
/// customer service window): its name, language and the values of its body's placeholders, in order.
/// </summary>
/// <param name="Name">The template's name at Meta.</param>
/// <param name="Language">Its language and locale code (<c>en_US</c>, <c>ru</c>).</param>
/// <param name="Parameters">The values of the body's placeholders, in order.</param>
/// <param name="Preview">The body with the values filled in, as the customer reads it.</param>
/// <param name="ParameterNames">The placeholders' names when the template uses named ones; null for positional ones.</param>
public sealed record TemplateContent(
    [property: MaxLength(FieldLimits.TemplateName)] string Name,
    [property: MaxLength(FieldLimits.TemplateLanguage)] string Language,
    [property: MaxLength(FieldLimits.TemplateParameters)] IReadOnlyList<string> Parameters,
    [property: MaxLength(FieldLimits.MessageText)] string Preview,
    [property: MaxLength(FieldLimits.TemplateParameters)] IReadOnlyList<string>? ParameterNames = null) : MessageContent
{
    /// <inheritdoc />
    public override string ToPlainText() => Preview;
}
