namespace Conversations.Bot.Templates;

/// <summary>How values are written into a rendered template.</summary>
public enum TemplateEncoding
{
    /// <summary>Sanitised plain text (for messages and JSON string values, which the serializer escapes).</summary>
    PlainText = 0,

    /// <summary>
    /// For URL templates: values are sanitised and percent-encoded as URL components, except a placeholder that starts
    /// the template, which is the base URL (<c>{config.crmBaseUrl}/orders</c>) and is inserted as it is.
    /// </summary>
    Url = 1,
}
