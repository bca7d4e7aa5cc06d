using Conversations.Abstractions.Channels;

namespace Conversations.Channels.Meta.WhatsApp;

/// <summary>The keys of a WhatsApp account's non-secret <see cref="ChannelAccount.Settings"/>.</summary>
public static class WhatsAppSettings
{
    /// <summary>The Meta app the number is connected through (its webhooks are signed with that app's secret).</summary>
    public const string AppId = "appId";

    /// <summary>The WhatsApp Business Account id (templates are managed per WABA).</summary>
    public const string WabaId = "wabaId";

    /// <summary>The number as customers see it.</summary>
    public const string DisplayPhoneNumber = "displayPhoneNumber";

    /// <summary>The number's throughput level as Meta reported it when it was connected (see <see cref="WhatsAppThroughput"/>).</summary>
    public const string ThroughputLevel = "throughputLevel";

    /// <summary>The throughput Meta reported for <paramref name="account"/>, or null when it was connected before we read it.</summary>
    public static WhatsAppThroughput? ThroughputOf(ChannelAccount account) =>
        account.Settings?.GetValueOrDefault(ThroughputLevel) is { Length: > 0 } level ? WhatsAppThroughput.Of(level) : null;

    /// <summary>The app id of <paramref name="account"/>, or "" when it has none.</summary>
    public static string AppIdOf(ChannelAccount account) => account.Settings?.GetValueOrDefault(AppId) ?? "";
}
