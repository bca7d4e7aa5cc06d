using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Conversations.Channels.Abuse;

/// <summary>A request refused by <paramref name="Limit"/>; <paramref name="RetryAfter"/> is when the bucket has a token again.</summary>
/// <param name="Limit">The limit that refused.</param>
/// <param name="Setting">Its configured size and rate.</param>
/// <param name="RetryAfter">Time until a retry succeeds (if nobody else takes the token first).</param>
public sealed record AbuseRejection(AbuseLimit Limit, RateLimitSetting Setting, TimeSpan RetryAfter)
{
    /// <summary>The problem <c>type</c> of every refusal: RFC 6585's 429 Too Many Requests.</summary>
    public const string ProblemType = "https://tools.ietf.org/html/rfc6585#section-4";

    /// <summary>Whole seconds to wait, rounded up and at least 1 (what <c>Retry-After</c> says).</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));

    /// <summary>Which surface refused, as a metric label: <c>widget.session</c>, <c>widget.message</c>, <c>widget.signal</c> or <c>telegram.webhook</c>.</summary>
    public string Surface => Limit switch
    {
        AbuseLimit.WidgetSessionsPerIp or AbuseLimit.WidgetSessionsPerWidget => "widget.session",
        AbuseLimit.TelegramUpdatesPerBot => "telegram.webhook",
        AbuseLimit.WidgetSignalsPerVisitor => "widget.signal",
        _ => "widget.message",
    };

    /// <summary>Sets <c>Retry-After</c> on <paramref name="response"/> and returns the 429 problem naming the limit.</summary>
    public ProblemHttpResult ToProblem(HttpResponse response)
    {
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            type: ProblemType,
            title: "Too many requests",
            detail: $"Limit {Limit}: at most {Setting.Burst} at once and {Setting.PerMinute} a minute {Per}; retry in {RetryAfterSeconds} s.",
            extensions: new Dictionary<string, object?> { ["limit"] = Limit.ToString(), ["retryAfterSeconds"] = RetryAfterSeconds });
    }

    private string Per => Limit switch
    {
        AbuseLimit.WidgetSessionsPerIp => "of sessions per client address",
        AbuseLimit.WidgetSessionsPerWidget => "of new visitors per widget",
        AbuseLimit.WidgetMessagesPerVisitor => "of messages per visitor",
        AbuseLimit.WidgetMessagesPerIp => "of messages per client address",
        AbuseLimit.NewConversationsPerWidget => "of new conversations per widget",
        AbuseLimit.TelegramUpdatesPerBot => "of webhook requests per bot",
        AbuseLimit.WidgetSignalsPerVisitor => "of typing and read signals per visitor",
        _ => "",
    };
}
