namespace Conversations.Testing.Channels;

/// <summary>One webhook callback a stand-in sent to the app: the exact bytes and headers, so it can be redelivered.</summary>
/// <param name="Path">The app's webhook path.</param>
/// <param name="Body">The body, byte for byte.</param>
/// <param name="Headers">The headers (signature, secret).</param>
/// <param name="ContentType">The body's media type.</param>
public sealed record WebhookDelivery(string Path, byte[] Body, IReadOnlyDictionary<string, string> Headers, string ContentType);
