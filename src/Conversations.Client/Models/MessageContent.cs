using System.Text.Json.Serialization;

namespace Conversations.Client.Models;

/// <summary>
/// What a message carries, told apart by the JSON <c>type</c> discriminator. A kind this client does not know yet
/// (from a newer server) reads as a bare <see cref="MessageContent"/> rather than failing the whole answer.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", IgnoreUnrecognizedTypeDiscriminators = true)]
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
public record MessageContent
{
    /// <summary>For derived kinds, and for the serializer when it meets an unknown kind.</summary>
    [JsonConstructor]
    protected MessageContent()
    {
    }

    /// <summary>The words of the message ("" when there are none).</summary>
    public virtual string ToPlainText() => "";
}
