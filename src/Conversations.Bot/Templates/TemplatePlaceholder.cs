namespace Conversations.Bot.Templates;

/// <summary>One <c>{path}</c> or <c>{path|default}</c> of a template.</summary>
/// <param name="Path">Dotted value path, e.g. <c>customer.name</c> or <c>order.status</c>.</param>
/// <param name="Default">Text used when the value is missing or empty.</param>
public sealed record TemplatePlaceholder(string Path, string? Default)
{
    /// <summary>The first segment of <see cref="Path"/> (<c>customer</c>, <c>config</c>, <c>order</c>...).</summary>
    public string Root => Path.Split('.', 2)[0];
}
