using System.Globalization;
using System.Text.Json;

namespace Conversations.Persistence.EventsOut;

/// <summary>Reads the attempts the delivery log query aggregates as JSON arrays <c>[number, at, status, latencyMs, error]</c>.</summary>
internal static class WebhookAttemptsJson
{
    public static IReadOnlyList<WebhookAttempt> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(a => new WebhookAttempt(
            a[0].GetInt32(),
            DateTimeOffset.Parse(a[1].GetString()!, CultureInfo.InvariantCulture),
            a[2].ValueKind == JsonValueKind.Null ? null : a[2].GetInt32(),
            a[3].GetInt32(),
            a[4].ValueKind == JsonValueKind.Null ? null : a[4].GetString()))];
    }
}
