using System.Text.Json;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Tenants;
using Conversations.Channels.Meta.Graph;

namespace Conversations.Channels.Meta.WhatsApp;

/// <summary>
/// Reads the message templates of every WhatsApp Business Account the tenant's numbers belong to with the Message
/// Templates API (<c>GET /{waba-id}/message_templates?fields=name,language,status,category,components</c>, paged with
/// <c>paging.cursors.after</c> while <c>paging.next</c> is present;
/// developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-management) and stores them in
/// the tenant's template library, replacing what an earlier sync stored.
/// </summary>
public sealed class WhatsAppTemplateSync(IGrainFactory grains, GraphClient graph, TimeProvider time)
{
    /// <summary>Templates asked for per page.</summary>
    internal const int PageSize = 100;

    /// <summary>Most pages read per account (a tenant keeps at most <see cref="MessageTemplateRules.MaxTemplates"/>).</summary>
    internal const int MaxPages = MessageTemplateRules.MaxTemplates / PageSize;

    /// <summary>Syncs the library of <paramref name="tenantId"/>; returns it afterwards.</summary>
    public async Task<IReadOnlyList<MessageTemplate>> SyncAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var found = new List<MessageTemplate>();
        var accounts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in await grains.GetGrain<ITenantGrain>(tenantId).GetChannelAccountsAsync())
        {
            if (key.Kind != ChannelKind.WhatsApp
                || await grains.GetGrain<IChannelAccountGrain>(key.ToGrainKey()).GetAsync() is not { Enabled: true, Credential: { } token } account
                || account.Settings?.GetValueOrDefault(WhatsAppSettings.WabaId) is not { Length: > 0 } wabaId
                || !accounts.Add(wabaId))
            {
                continue;
            }

            found.AddRange(await ReadAsync(wabaId, token, cancellationToken));
        }

        if (accounts.Count == 0)
        {
            throw DomainException.Rule("No WhatsApp number is connected: connect one first (POST /api/v1/admin/channels/whatsapp-numbers), then sync its templates.");
        }

        return await grains.GetGrain<IMessageTemplateLibraryGrain>(tenantId).SyncAsync(found);
    }

    private async Task<IReadOnlyList<MessageTemplate>> ReadAsync(string wabaId, string token, CancellationToken cancellationToken)
    {
        var templates = new List<MessageTemplate>();
        string? after = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var path = $"{Uri.EscapeDataString(wabaId)}/message_templates?fields=name,language,status,category,components&limit={PageSize}"
                + (after is null ? "" : "&after=" + Uri.EscapeDataString(after));
            JsonElement answer;
            try
            {
                answer = await graph.GetAsync(path, token, cancellationToken);
            }
            catch (GraphApiException ex)
            {
                throw DomainException.Rule(
                    $"Meta refused to list the templates of WhatsApp Business Account {wabaId} ({ex.Error.Code}: {ex.Error.Message}); the number's token needs the whatsapp_business_management permission.");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw DomainException.Rule("Meta's Graph API could not be reached to list the templates. Try again later.");
            }

            if (answer.ValueKind != JsonValueKind.Object || !answer.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            {
                break;
            }

            foreach (var item in data.EnumerateArray())
            {
                if (Parse(item) is { } template)
                {
                    templates.Add(template);
                }
            }

            after = answer.TryGetProperty("paging", out var paging) && paging.ValueKind == JsonValueKind.Object && paging.TryGetProperty("next", out _)
                && paging.TryGetProperty("cursors", out var cursors) && cursors.ValueKind == JsonValueKind.Object
                    ? Text(cursors, "after")
                    : null;
            if (after is null)
            {
                break;
            }
        }

        return templates;
    }

    /// <summary>A template of the list, with the text of its BODY component, or null when a field is missing.</summary>
    private MessageTemplate? Parse(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object
            || Text(item, "name") is not { } name || Text(item, "language") is not { } language
            || Text(item, "status") is not { } status || Text(item, "category") is not { } category)
        {
            return null;
        }

        string? body = null;
        if (item.TryGetProperty("components", out var components) && components.ValueKind == JsonValueKind.Array)
        {
            body = components.EnumerateArray()
                .Where(c => c.ValueKind == JsonValueKind.Object && string.Equals(Text(c, "type"), "BODY", StringComparison.OrdinalIgnoreCase))
                .Select(c => Text(c, "text"))
                .FirstOrDefault();
        }

        return body is null ? null : new MessageTemplate(name, language, status, category, body, Synced: true, time.GetUtcNow());
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
