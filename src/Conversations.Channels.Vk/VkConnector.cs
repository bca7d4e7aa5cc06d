using System.Globalization;
using System.Security.Cryptography;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using Conversations.Channels.Accounts;
using Conversations.Channels.Vk.Api;
using Microsoft.Extensions.Options;

namespace Conversations.Channels.Vk;

/// <summary>
/// Connects a tenant's VK community: checks the community token (<c>groups.getById</c>), stores the account with a new
/// random Callback secret, and, with a public base URL, provisions the Callback API server (<c>groups.getCallbackServers</c>,
/// <c>groups.addCallbackServer</c> or <c>groups.editCallbackServer</c>) and turns its message events on with
/// <c>groups.setCallbackSettings</c> at API version 5.199 (a confirmed server with every event off receives nothing);
/// without one, turns the Bots Long Poll API on (<c>groups.setLongPollSettings</c>) and connects in polling mode.
/// </summary>
public sealed class VkConnector(IGrainFactory grains, VkApiClient api, ChannelAccountCache accounts, IOptions<VkOptions> options)
{
    /// <summary>The Callback server's title in the community's settings (VK allows 14 characters).</summary>
    public const string ServerTitle = "Conversations";

    /// <summary>The events turned on for the server.</summary>
    public static readonly IReadOnlyList<string> Events = ["message_new", "message_reply", "message_edit", "message_event", "message_allow", "message_deny"];

    /// <summary>Connects community <paramref name="groupId"/> with <paramref name="token"/> to <paramref name="tenantId"/>.</summary>
    public async Task<VkConnection> ConnectAsync(Guid tenantId, long? groupId, string? token, CancellationToken cancellationToken)
    {
        if (groupId is not > 0)
        {
            throw DomainException.Invalid("groupId: the community's numeric id (Community management → Settings → API usage) is required and positive.");
        }

        token = token?.Trim() ?? "";
        if (token.Length is < 20 or > 512 || token.Any(char.IsWhiteSpace))
        {
            throw DomainException.Invalid("token: that is not a VK community access token (Community management → API usage → Access tokens; it needs the messages and manage rights).");
        }

        var group = groupId.Value.ToString(CultureInfo.InvariantCulture);
        VkGroupsById found;
        try
        {
            found = await api.CallAsync<VkGroupsById>("groups.getById", token, [new("group_id", group)], cancellationToken);
        }
        catch (VkApiException ex)
        {
            throw DomainException.Invalid($"token: VK refused it ({ex.ErrorCode}). Create a community token with the messages and manage rights.");
        }
        catch (HttpRequestException ex)
        {
            throw DomainException.Rule($"VK could not be reached to check the token: {ex.Message}. Try again later.");
        }

        if (found.Groups?.FirstOrDefault(g => g.Id == groupId) is not { } community)
        {
            throw DomainException.Invalid($"groupId: VK knows no community {group} for this token.");
        }

        var key = new ChannelAccountKey(ChannelKind.Vk, group);
        // secret_key of groups.addCallbackServer is at most 50 characters (vk-api-schema groups/methods.json).
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var settings = new Dictionary<string, string> { ["api_version"] = VkOptions.ApiVersion };
        // Without a public URL VK cannot post to us: the community is polled (Bots Long Poll API) instead.
        var mode = string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl) ? InboundMode.Polling : InboundMode.Webhook;
        var account = new ChannelAccount(key, tenantId, community.Name ?? community.ScreenName ?? group, mode, token, secret,
            Enabled: true, settings);
        var grain = grains.GetGrain<IChannelAccountGrain>(key.ToGrainKey());
        await grain.ConnectAsync(account);
        accounts.Invalidate(key);

        var path = $"/webhooks/vk/{group}";
        if (mode == InboundMode.Polling)
        {
            await ProvisionLongPollAsync(token, group, cancellationToken);
            return new VkConnection(account.WithoutSecrets(), path, false,
                "Long Poll: without Channels:Vk:PublicBaseUrl VK cannot post to this deployment, so it fetches the community's events itself. " +
                "Set the public HTTPS address and connect again to use the Callback API instead.");
        }

        var url = options.Value.PublicBaseUrl!.TrimEnd('/') + path;
        try
        {
            var servers = await api.CallAsync<VkCallbackServers>("groups.getCallbackServers", token, [new("group_id", group)], cancellationToken);
            long serverId;
            if (servers.Items?.FirstOrDefault(s => s.Url == url) is { } existing)
            {
                serverId = existing.Id;
                await api.CallRawAsync("groups.editCallbackServer", token,
                    [new("group_id", group), new("server_id", serverId.ToString(CultureInfo.InvariantCulture)), new("url", url), new("title", ServerTitle), new("secret_key", secret)],
                    cancellationToken);
            }
            else
            {
                serverId = (await api.CallAsync<VkServerAdded>("groups.addCallbackServer", token,
                    [new("group_id", group), new("url", url), new("title", ServerTitle), new("secret_key", secret)], cancellationToken)).ServerId;
            }

            var flags = new List<KeyValuePair<string, string>>
            {
                new("group_id", group),
                new("server_id", serverId.ToString(CultureInfo.InvariantCulture)),
                new("api_version", VkOptions.ApiVersion),
            };
            flags.AddRange(Events.Select(e => new KeyValuePair<string, string>(e, "1")));
            await api.CallRawAsync("groups.setCallbackSettings", token, flags, cancellationToken);
            settings["callback_server_id"] = serverId.ToString(CultureInfo.InvariantCulture);
            account = account with { Settings = settings };
            await grain.ConnectAsync(account);
            accounts.Invalidate(key);
        }
        catch (VkApiException ex)
        {
            throw DomainException.Rule($"VK refused to set up the Callback API server ({ex.Method}: {ex.ErrorCode}). The token needs the manage right; the community is connected but receives nothing until this succeeds.");
        }
        catch (HttpRequestException ex)
        {
            throw DomainException.Rule($"VK could not be reached to set up the Callback API server: {ex.Message}. Connect again later.");
        }

        return new VkConnection(account.WithoutSecrets(), path, true, null);
    }

    /// <summary>Turns the community's Bots Long Poll API on with the message events at API version 5.199 (groups.setLongPollSettings).</summary>
    private async Task ProvisionLongPollAsync(string token, string group, CancellationToken cancellationToken)
    {
        var flags = new List<KeyValuePair<string, string>> { new("group_id", group), new("enabled", "1"), new("api_version", VkOptions.ApiVersion) };
        flags.AddRange(Events.Select(e => new KeyValuePair<string, string>(e, "1")));
        try
        {
            await api.CallRawAsync("groups.setLongPollSettings", token, flags, cancellationToken);
        }
        catch (VkApiException ex)
        {
            throw DomainException.Rule($"VK refused to turn the Long Poll API on ({ex.Method}: {ex.ErrorCode}). The token needs the manage right; the community is connected but receives nothing until this succeeds.");
        }
        catch (HttpRequestException ex)
        {
            throw DomainException.Rule($"VK could not be reached to turn the Long Poll API on: {ex.Message}. Connect again later.");
        }
    }
}
