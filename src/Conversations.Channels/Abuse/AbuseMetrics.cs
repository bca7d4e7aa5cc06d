using System.Diagnostics.Metrics;

namespace Conversations.Channels.Abuse;

/// <summary>
/// <c>conversations.abuse.rejections</c> (meter <c>Conversations.Channels.Abuse</c>): requests refused by an abuse
/// limit, by surface (<c>widget.session</c>, <c>widget.message</c>, <c>telegram.webhook</c>) and limit.
/// </summary>
public static class AbuseMetrics
{
    private static readonly Meter Meter = new("Conversations.Channels.Abuse");
    private static readonly Counter<long> Rejections = Meter.CreateCounter<long>("conversations.abuse.rejections", description: "Requests refused by an abuse limit, by surface and limit");

    /// <summary>Counts one refusal.</summary>
    public static void Rejected(AbuseRejection rejection) =>
        Rejections.Add(1, new KeyValuePair<string, object?>("surface", rejection.Surface), new KeyValuePair<string, object?>("limit", rejection.Limit.ToString()));
}
