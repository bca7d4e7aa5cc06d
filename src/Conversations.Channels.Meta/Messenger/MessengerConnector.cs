using System.Text.Json;
using System.Text.RegularExpressions;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using Conversations.Channels.Accounts;
using Conversations.Channels.Meta.Graph;
using Microsoft.Extensions.Options;

namespace Conversations.Channels.Meta.Messenger;

/// <summary>
/// Connects a tenant's Facebook Page (Messenger) or Instagram professional account: checks the Page access token with
/// <c>GET /{id}?fields=name</c> (Instagram: <c>username</c>), then stores the account keyed by the id every webhook
/// entry names. The token is the account's credential, never shown back.
/// </summary>
public sealed partial class MessengerConnector(IGrainFactory grains, GraphClient graph, ChannelAccountCache accounts, IOptions<MetaOptions> options)
{
    [GeneratedRegex(@"^\d{1,32}$")]
    private static partial Regex IdPattern();

    /// <summary>Connects <paramref name="accountId"/> (a Page id, or an Instagram account id) as <paramref name="kind"/>.</summary>
    public async Task<MessengerConnection> ConnectAsync(Guid tenantId, ChannelKind kind, string? appId, string? accountId, string? accessToken,
        CancellationToken cancellationToken)
    {
        var field = kind == ChannelKind.Instagram ? "instagramAccountId" : "pageId";
        accountId = accountId?.Trim() ?? "";
        accessToken = accessToken?.Trim() ?? "";
        var app = options.Value.App(appId?.Trim()) ?? throw DomainException.Invalid(
            $"appId: this deployment has no Meta app '{appId}'. Ask the platform administrator to add it under Channels:Meta:Apps.");
        if (!IdPattern().IsMatch(accountId))
        {
            throw DomainException.Invalid($"{field}: the numeric id of the {(kind == ChannelKind.Instagram ? "Instagram professional account" : "Facebook Page")}.");
        }

        if (accessToken.Length is < 20 or > 2048 || accessToken.Any(char.IsWhiteSpace))
        {
            throw DomainException.Invalid("accessToken: a Page access token with pages_messaging (Instagram: instagram_manage_messages).");
        }

        JsonElement found;
        try
        {
            found = await graph.GetAsync($"{accountId}?fields={(kind == ChannelKind.Instagram ? "username" : "name")}", accessToken, cancellationToken);
        }
        catch (GraphApiException ex)
        {
            throw DomainException.Invalid($"accessToken: Meta refused the token or the {field} ({ex.Error.Code}: {ex.Error.Message}).");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            throw DomainException.Rule("Meta's Graph API could not be reached to check the token. Try again later.");
        }

        var name = found.ValueKind == JsonValueKind.Object
            && (found.TryGetProperty("name", out var n) || found.TryGetProperty("username", out n)) && n.ValueKind == JsonValueKind.String
            ? n.GetString()!
            : accountId;
        var key = new ChannelAccountKey(kind, accountId);
        var account = new ChannelAccount(key, tenantId, kind == ChannelKind.Instagram ? "@" + name : name, InboundMode.Webhook, accessToken, null, Enabled: true,
            new Dictionary<string, string> { [MessengerSettings.AppId] = app.AppId });
        await grains.GetGrain<IChannelAccountGrain>(key.ToGrainKey()).ConnectAsync(account);
        accounts.Invalidate(key);

        var path = MessengerWebhookEndpoints.PathOf(app.AppId);
        var callback = string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl) ? null : options.Value.PublicBaseUrl.TrimEnd('/') + path;
        return new MessengerConnection(account.WithoutSecrets(), path, callback,
            $"In the Meta App Dashboard of app {app.AppId} set the {(kind == ChannelKind.Instagram ? "Instagram" : "Messenger")} webhook callback URL to "
            + $"{callback ?? "{public base URL}" + path} with the app's verify token, subscribe the messages, messaging_postbacks and "
            + "messaging_referrals fields, and subscribe the app to the Page (POST /{page-id}/subscribed_apps).");
    }
}
