using System.Text.Json;

namespace Conversations.Testing.EventsOut;

/// <summary>One POST a <see cref="WebhookReceiver"/> got, as it arrived.</summary>
/// <param name="Body">The raw body.</param>
/// <param name="Timestamp">The <c>X-Conversations-Timestamp</c> header.</param>
/// <param name="Signature">The <c>X-Conversations-Signature</c> header.</param>
/// <param name="Event">The <c>X-Conversations-Event</c> header.</param>
/// <param name="Delivery">The <c>X-Conversations-Delivery</c> header.</param>
/// <param name="Answered">The status the receiver answered with.</param>
public sealed record ReceivedWebhook(string Body, string? Timestamp, string? Signature, string? Event, string? Delivery, int Answered)
{
    /// <summary>The body parsed.</summary>
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    /// <summary>The event's type from the body.</summary>
    public string Type => Json.GetProperty("type").GetString()!;

    /// <summary>The event's data from the body.</summary>
    public JsonElement Data => Json.GetProperty("data");
}
