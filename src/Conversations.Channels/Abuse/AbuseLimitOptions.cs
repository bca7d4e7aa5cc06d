namespace Conversations.Channels.Abuse;

/// <summary>
/// Limits of the anonymous surfaces (section <c>AbuseLimits</c>). The defaults are far above what a real site does
/// (a visitor typing fast, an office or a mobile carrier putting many visitors behind one address, a busy bot) and
/// far below what a script does (hundreds of messages a second, thousands of sessions).
/// </summary>
public sealed class AbuseLimitOptions
{
    /// <summary>Off only for load tests that drive a whole site's traffic from one address and one bot.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Sessions per client address: the widget asks for one on every page load while it is open, so an office of many
    /// visitors reloading pages stays far below 120 at once and one a second.
    /// </summary>
    public RateLimitSetting WidgetSessionsPerIp { get; set; } = RateLimitSetting.Of(120, 60);

    /// <summary>New visitors per widget (resumed sessions are not counted): 50 a second is a very large site.</summary>
    public RateLimitSetting WidgetSessionsPerWidget { get; set; } = RateLimitSetting.Of(3000, 3000);

    /// <summary>Messages per visitor: a burst of 20 (pasted lines, quick button presses), then one every two seconds.</summary>
    public RateLimitSetting WidgetMessagesPerVisitor { get; set; } = RateLimitSetting.Of(20, 30);

    /// <summary>Messages per client address, all its visitors together: an office chatting at once.</summary>
    public RateLimitSetting WidgetMessagesPerIp { get; set; } = RateLimitSetting.Of(200, 300);

    /// <summary>New conversations per widget: two a second sustained is about 170,000 a day.</summary>
    public RateLimitSetting NewConversationsPerWidget { get; set; } = RateLimitSetting.Of(300, 120);

    /// <summary>
    /// Webhook requests per Telegram bot: Telegram itself keeps at most 100 connections to a webhook; 100 updates a
    /// second sustained is far beyond a customer-service bot. A refused update is not lost: Telegram redelivers on any
    /// answer but 2xx.
    /// </summary>
    public RateLimitSetting TelegramUpdatesPerBot { get; set; } = RateLimitSetting.Of(1000, 6000);

    /// <summary>
    /// Typing and read signals per visitor: the widget sends typing at most every 3 s and a read mark per new operator
    /// message, so a burst of 10 and one a second is more than a person makes.
    /// </summary>
    public RateLimitSetting WidgetSignalsPerVisitor { get; set; } = RateLimitSetting.Of(10, 60);

    /// <summary>The setting of <paramref name="limit"/>.</summary>
    public RateLimitSetting For(AbuseLimit limit) => limit switch
    {
        AbuseLimit.WidgetSessionsPerIp => WidgetSessionsPerIp,
        AbuseLimit.WidgetSessionsPerWidget => WidgetSessionsPerWidget,
        AbuseLimit.WidgetMessagesPerVisitor => WidgetMessagesPerVisitor,
        AbuseLimit.WidgetMessagesPerIp => WidgetMessagesPerIp,
        AbuseLimit.NewConversationsPerWidget => NewConversationsPerWidget,
        AbuseLimit.TelegramUpdatesPerBot => TelegramUpdatesPerBot,
        AbuseLimit.WidgetSignalsPerVisitor => WidgetSignalsPerVisitor,
        _ => throw new ArgumentOutOfRangeException(nameof(limit), limit, null),
    };

    /// <summary>Every problem with these settings, each naming the key (empty when valid).</summary>
    public IReadOnlyList<string> Problems() =>
    [
        .. Enum.GetValues<AbuseLimit>()
            .Where(limit => For(limit) is not { Burst: >= 1, PerMinute: >= 1 })
            .Select(limit => $"AbuseLimits:{limit}: Burst and PerMinute must both be at least 1."),
    ];
}
