using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using Conversations.Channels.Accounts;
using Conversations.Channels.Delivery;
using Conversations.Channels.Meta.Graph;
using Microsoft.Extensions.Options;

namespace Conversations.Channels.Meta.WhatsApp;

/// <summary>
/// Connects a tenant's WhatsApp Business phone number: checks the access token and the number with a Graph call
/// (<c>GET /{phone-number-id}?fields=display_phone_number,verified_name,throughput</c>), then stores the account, keyed
/// by the phone_number_id every webhook names. The token is kept as the account's credential and never shown back.
/// The number's throughput level sets its pacing rate (<see cref="WhatsAppThroughput"/>) unless the admin gives one;
/// connecting again reads the level again (Meta upgrades numbers by itself).
/// </summary>
public sealed partial class WhatsAppConnector(IGrainFactory grains, GraphClient graph, ChannelAccountCache accounts, IOptions<MetaOptions> options)
{
    /// <summary>The highest pacing rate an admin may set: Meta's highest throughput level.</summary>
    public const int MaxMessagesPerSecond = 1000;

    [GeneratedRegex(@"^\d{1,32}$")]
    private static partial Regex IdPattern();

    /// <summary>
    /// Connects <paramref name="phoneNumberId"/> of <paramref name="wabaId"/> to <paramref name="tenantId"/> through Meta app
    /// <paramref name="appId"/>; <paramref name="messagesPerSecond"/>, when given, paces the number instead of its throughput level.
    /// </summary>
    public async Task<WhatsAppConnection> ConnectAsync(Guid tenantId, string? appId, string? phoneNumberId, string? wabaId, string? accessToken,
        CancellationToken cancellationToken, double? messagesPerSecond = null)
    {
        if (messagesPerSecond is { } own && (double.IsNaN(own) || own is < 1 or > MaxMessagesPerSecond))
        {
            throw DomainException.Invalid($"messagesPerSecond: between 1 and {MaxMessagesPerSecond} (Meta's highest throughput level), or leave it out to pace at the number's level.");
        }

        appId = appId?.Trim();
        phoneNumberId = phoneNumberId?.Trim() ?? "";
        wabaId = wabaId?.Trim() ?? "";
        accessToken = accessToken?.Trim() ?? "";
        var app = options.Value.App(appId) ?? throw DomainException.Invalid(
            $"appId: this deployment has no Meta app '{appId}'. Ask the platform administrator to add it under Channels:Meta:Apps (app id, app secret, verify token).");
        if (!IdPattern().IsMatch(phoneNumberId))
        {
            throw DomainException.Invalid("phoneNumberId: the Phone number ID from WhatsApp Manager (API Setup), digits only.");
        }

        if (!IdPattern().IsMatch(wabaId))
        {
            throw DomainException.Invalid("wabaId: the WhatsApp Business Account ID from WhatsApp Manager, digits only.");
        }

        if (accessToken.Length is < 20 or > 2048 || accessToken.Any(char.IsWhiteSpace))
        {
            throw DomainException.Invalid("accessToken: a system user access token with whatsapp_business_messaging permission (Business Settings → System users).");
        }

        JsonElement number;
        try
        {
            number = await graph.GetAsync($"{phoneNumberId}?fields=display_phone_number,verified_name,throughput", accessToken, cancellationToken);
        }
        catch (GraphApiException ex)
        {
            throw DomainException.Invalid($"accessToken: Meta refused the token or the phone number id ({ex.Error.Code}: {ex.Error.Message}).");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            throw DomainException.Rule("Meta's Graph API could not be reached to check the token. Try again later.");
        }

        var display = Text(number, "display_phone_number") ?? phoneNumberId;
        var name = Text(number, "verified_name");
        var key = new ChannelAccountKey(ChannelKind.WhatsApp, phoneNumberId);
        var settings = new Dictionary<string, string>
        {
            [WhatsAppSettings.AppId] = app.AppId,
            [WhatsAppSettings.WabaId] = wabaId,
            [WhatsAppSettings.DisplayPhoneNumber] = display,
        };
        if (number.ValueKind == JsonValueKind.Object && number.TryGetProperty("throughput", out var throughput) && Text(throughput, "level") is { Length: > 0 and <= 64 } level)
        {
            settings[WhatsAppSettings.ThroughputLevel] = level;
            if (WhatsAppThroughput.Of(level).MessagesPerSecond is { } levelRate)
            {
                settings[DeliveryPacer.ReportedMessagesPerSecondSetting] = levelRate.ToString(CultureInfo.InvariantCulture);
            }
        }

        if (messagesPerSecond is { } rate)
        {
            settings[DeliveryPacer.MessagesPerSecondSetting] = rate.ToString(CultureInfo.InvariantCulture);
        }

        var account = new ChannelAccount(key, tenantId, name is null ? display : $"{name} ({display})", InboundMode.Webhook, accessToken, null, Enabled: true,
            settings);
        await grains.GetGrain<IChannelAccountGrain>(key.ToGrainKey()).ConnectAsync(account);
        accounts.Invalidate(key);

        var path = WhatsAppWebhookEndpoints.PathOf(app.AppId);
        var callback = string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl) ? null : options.Value.PublicBaseUrl.TrimEnd('/') + path;
        return new WhatsAppConnection(account.WithoutSecrets(), path, callback,
            $"In the Meta App Dashboard of app {app.AppId} (WhatsApp → Configuration) set the callback URL to {callback ?? "{public base URL}" + path} "
            + "with the app's verify token, and subscribe the 'messages' field; subscribe the app to the WhatsApp Business Account "
            + "(POST /{waba-id}/subscribed_apps).");
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
