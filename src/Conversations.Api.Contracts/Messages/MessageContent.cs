using System.Text.Json.Serialization;

namespace Conversations.Api.Contracts.Messages;

/// <summary>
/// What a message carries. Stored as JSON with a <c>type</c> discriminator, so names here are a
/// storage format: add new kinds, never rename existing ones.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextContent), "text")]
[JsonDerivedType(typeof(ImageContent), "image")]
[JsonDerivedType(typeof(LinkContent), "link")]
[JsonDerivedType(typeof(DocumentContent), "document")]
[JsonDerivedType(typeof(ContactContent), "contact")]
[JsonDerivedType(typeof(LocationContent), "location")]
[JsonDerivedType(typeof(ButtonPressContent), "button_press")]
[JsonDerivedType(typeof(UnsupportedContent), "unsupported")]
[JsonDerivedType(typeof(EventContent), "event")]
[JsonDerivedType(typeof(NotificationContent), "notification")]
[JsonDerivedType(typeof(TemplateContent), "template")]
public abstract record MessageContent
{
    /// <summary>The words of the message for search, previews and the FAQ matcher ("" when there are none).</summary>
    public abstract string ToPlainText();
}
