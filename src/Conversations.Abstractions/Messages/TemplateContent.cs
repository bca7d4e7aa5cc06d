namespace Conversations.Abstractions.Messages;

/// <summary>
/// An approved WhatsApp message template (the only kind of message WhatsApp lets a business send outside the 24-hour
/// customer service window): its name, language and the values of its body's placeholders, in order.
/// </summary>
/// <param name="Name">The template's name at Meta (lowercase letters, digits and underscores).</param>
/// <param name="Language">Its language and locale code (<c>en_US</c>, <c>ru</c>).</param>
/// <param name="Parameters">The body's <c>{{1}}</c>, <c>{{2}}</c>... values (or its named placeholders, in order of appearance).</param>
/// <param name="Preview">The body with the values filled in, as the customer reads it (for history, search and previews).</param>
/// <param name="ParameterNames">
/// The placeholders' names when the template uses named ones (<c>{{first_name}}</c>, sent as <c>parameter_name</c>);
/// null for positional <c>{{1}}</c> placeholders.
/// </param>
[GenerateSerializer, Immutable, Alias("conv.TemplateContent")]
public sealed record TemplateContent(
    [property: Id(0)] string Name,
    [property: Id(1)] string Language,
    [property: Id(2)] IReadOnlyList<string> Parameters,
    [property: Id(3)] string Preview,
    [property: Id(4)] IReadOnlyList<string>? ParameterNames = null) : MessageContent
{
    /// <inheritdoc />
    public override string ToPlainText() => Preview;
}
