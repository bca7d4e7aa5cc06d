using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Operators;
using Conversations.Abstractions.Tenants;
using Conversations.Api.Auth;
using Conversations.Api.Contracts.Channels;
using Conversations.Api.Contracts.Operators;
using Conversations.Api.Contracts.Tenants;
using Conversations.Api.Mappings;
using Conversations.Api.Validation;
using Conversations.Channels.Outbound;
using Conversations.Persistence.Media;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using ApiKeyCreated = Conversations.Api.Contracts.Tenants.ApiKeyCreated;
using ApiKeyInfo = Conversations.Api.Contracts.Tenants.ApiKeyInfo;
using CannedReply = Conversations.Api.Contracts.Tenants.CannedReply;
using ChannelAccount = Conversations.Api.Contracts.Channels.ChannelAccount;
using ChannelKind = Conversations.Api.Contracts.Channels.ChannelKind;
using OperatorInfo = Conversations.Api.Contracts.Operators.OperatorInfo;
using TenantSettings = Conversations.Api.Contracts.Tenants.TenantSettings;

namespace Conversations.Api.Admin;

/// <summary>A tenant admin's API (<c>/api/v1/admin</c>): settings, operators, canned replies, API keys, channels.</summary>
public static class AdminEndpoints
{
    private const string MergePatchMediaType = "application/merge-patch+json";

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/admin").WithTags("Admin").RequireAuthorization(AuthExtensions.AdminPolicy);
        var writes = admin.MapGroup("").RequireRateLimiting(AuthExtensions.WriteLimit);
        admin.MapGet("/settings", GetSettingsAsync).WithSummary("Live-chat and bot settings");
        writes.MapPut("/settings", PutSettingsAsync).WithSummary("Replace the settings (validated as a whole)");
        writes.MapPatch("/settings", PatchSettingsAsync).Accepts<TenantSettings>(MergePatchMediaType, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Change some settings: a JSON merge patch (RFC 7396) of the settings document")
            .WithDescription("Only the members the body names change; null removes a member (a text or bot config value goes back to its default, " +
                "idleCloseMinutes to never); arrays (e-mails, keywords, holidays, a day's intervals) are replaced whole. The result is validated as a whole, " +
                "like PUT; a name that is not a setting, a value of the wrong type and an unknown enum name are each a 400 naming the field.");

        admin.MapGet("/texts", TextDefaults).WithSummary("The customer-facing texts a tenant can override, with their defaults per language");

        admin.MapGet("/operators", ListOperatorsAsync).WithSummary("Operators and admins");
        // Operators list their colleagues too: whom to transfer a chat to.
        app.MapGet("/api/v1/operators", ListOperatorsAsync).WithTags("Conversations").RequireAuthorization(AuthExtensions.OperatorPolicy)
            .WithSummary("The tenant's operators and admins with their presence (whom to transfer a chat to)");
        writes.MapPost("/operators", CreateOperatorAsync).WithSummary("Add an operator");
        writes.MapPatch("/operators/{id:guid}", UpdateOperatorAsync).WithSummary("Change name, role, capacity or password (a new role or password ends the operator's tokens)");
        writes.MapDelete("/operators/{id:guid}", RemoveOperatorAsync).WithSummary("Remove an operator: their tokens stop working and their live chats go back to the queue");

        // Operators read canned replies too (to pick one); only admins change them.
        app.MapGet("/api/v1/canned-replies", ListCannedAsync).WithTags("Conversations").RequireAuthorization(AuthExtensions.OperatorPolicy)
            .WithSummary("Canned replies with their usage counters");
        writes.MapPost("/canned-replies", SaveCannedAsync).WithSummary("Add a canned reply")
            .WithDescription("An image or document message may carry a file uploaded with POST /api/v1/media: give `media.mediaId` only; the type and size are the store's. An unknown id is a 404, a non-picture as an image a 400.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        writes.MapPut("/canned-replies/{id:guid}", ReplaceCannedAsync).WithSummary("Replace a canned reply (its counter stays)")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        writes.MapDelete("/canned-replies/{id:guid}", DeleteCannedAsync).WithSummary("Remove a canned reply");

        admin.MapGet("/api-keys", ListKeysAsync).WithSummary("API keys (without secrets)");
        writes.MapPost("/api-keys", CreateKeyAsync).WithSummary("Create an API key (shown once)");
        writes.MapDelete("/api-keys/{id:guid}", RevokeKeyAsync).WithSummary("Revoke an API key");

        admin.MapGet("/channels", ListChannelsAsync).WithSummary("Connected channels (without secrets)");
        writes.MapPost("/channels/telegram-bots", ConnectTelegramAsync).WithSummary("Connect a Telegram bot");
        writes.MapPost("/channels/vk-communities", ConnectVkAsync).WithSummary("Connect a VK community");
        writes.MapPost("/channels/viber-bots", ConnectViberAsync).WithSummary("Connect a Viber bot (sets its webhook)");

        writes.MapPost("/channels/email-mailboxes", ConnectEmailAsync).WithSummary("Connect a support mailbox (IMAP + SMTP)");
        writes.MapPost("/channels/whatsapp-numbers", ConnectWhatsAppAsync).WithSummary("Connect a WhatsApp Business phone number (Cloud API)");
        writes.MapPost("/channels/messenger-pages", (ConnectMetaAccountRequest request, ClaimsPrincipal user, ChannelAdministration channels, CancellationToken ct) =>
            ConnectMessengerAsync(Conversations.Abstractions.Channels.ChannelKind.Messenger, request, user, channels, ct)).WithSummary("Connect a Facebook Page (Messenger)");
        writes.MapPost("/channels/instagram-accounts", (ConnectMetaAccountRequest request, ClaimsPrincipal user, ChannelAdministration channels, CancellationToken ct) =>
            ConnectMessengerAsync(Conversations.Abstractions.Channels.ChannelKind.Instagram, request, user, channels, ct)).WithSummary("Connect an Instagram professional account");
        writes.MapPost("/channels/widgets", CreateWidgetAsync).WithSummary("Create a website widget");
        writes.MapPost("/channels/widgets/{account}/identity-secret", RotateWidgetSecretAsync)
            .WithSummary("Create or replace the widget's identity secret (shown once): the business's server signs its users' ids with it (userHash)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapGet("/channels/widgets/{account}/appearance", GetWidgetAppearanceAsync)
            .WithSummary("The widget's title, accent colour, greeting and position").ProducesProblem(StatusCodes.Status404NotFound);
        writes.MapPut("/channels/widgets/{account}/appearance", PutWidgetAppearanceAsync)
            .WithSummary("Set the widget's title, accent colour (#rrggbb), greeting and position (BottomRight or BottomLeft)")
            .WithDescription("Visitors see it from their next session (opening the page again). A refusal names the field: title (1–80 characters, one line), color (#rrggbb), greeting (at most 500 characters), position.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        writes.MapDelete("/channels/{kind}/{account}", DisconnectAsync).WithSummary("Disconnect a channel");
        return app;
    }

    private static async Task<Ok<WidgetIdentitySecret>> RotateWidgetSecretAsync(string account, ClaimsPrincipal user, Channels.Widget.WidgetConnector widgets) =>
        TypedResults.Ok(new WidgetIdentitySecret(account, await widgets.RotateIdentitySecretAsync(user.TenantId(), account)));

    private static async Task<Ok<WidgetAppearance>> GetWidgetAppearanceAsync(string account, ClaimsPrincipal user, Channels.Widget.WidgetConnector widgets) =>
        TypedResults.Ok(await widgets.GetAppearanceAsync(user.TenantId(), account));

    private static async Task<Ok<WidgetAppearance>> PutWidgetAppearanceAsync(string account, WidgetAppearance appearance, ClaimsPrincipal user,
        Channels.Widget.WidgetConnector widgets) =>
        TypedResults.Ok(await widgets.SetAppearanceAsync(user.TenantId(), account, appearance));

    private static async Task<Ok<TenantSettings>> GetSettingsAsync(ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok((await Tenant(user, grains).GetSettingsAsync()).ToContract());

    private static Task<Ok<TenantSettings>> PutSettingsAsync(TenantSettings settings, ClaimsPrincipal user, IGrainFactory grains,
        OutboundUrlPolicy outbound) => SaveSettingsAsync(settings, user, grains, outbound);

    private static async Task<Ok<TenantSettings>> PatchSettingsAsync(HttpRequest http, ClaimsPrincipal user, IGrainFactory grains, OutboundUrlPolicy outbound,
        IOptions<JsonOptions> json)
    {
        var options = json.Value.SerializerOptions;
        // Malformed JSON throws here and reaches the exception handler, which names the line and byte.
        var patch = await JsonNode.ParseAsync(http.Body, cancellationToken: http.HttpContext.RequestAborted);
        if (patch is not JsonObject changes)
        {
            throw DomainException.Invalid("$: the body is a JSON object naming the settings to change (a JSON merge patch).");
        }

        var current = JsonSerializer.SerializeToNode((await Tenant(user, grains).GetSettingsAsync()).ToContract(), options)!.AsObject();
        TenantSettings? settings;
        List<string> unknown;
        try
        {
            unknown = [.. UnknownMembers(changes, current, "$")];
            settings = JsonMergePatch.Apply(current, changes).Deserialize<TenantSettings>(options);
        }
        catch (JsonException e)
        {
            throw DomainException.Invalid($"{e.Path ?? "$"}: the value does not fit the field (a value of the wrong type, null where one is required, " +
                "or an unknown name: enum values are names such as \"Monday\").");
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // A parsed document is only read member by member now: a name given twice in one object, or a string with
            // half a surrogate pair (which the serializer refuses to write back), surfaces here.
            throw DomainException.Invalid("$: an object names a member twice, or a text holds invalid Unicode (a lone surrogate such as \\ud800).");
        }

        if (unknown.Count > 0)
        {
            throw DomainException.Invalid(string.Join(" ", unknown));
        }

        if (ContractValidator.Problems(settings) is { Count: > 0 } problems)
        {
            throw DomainException.Invalid(string.Join(" ", problems));
        }

        return await SaveSettingsAsync(settings!, user, grains, outbound);
    }

    /// <summary>
    /// Members of a patch that the settings do not have (a typo would otherwise change nothing and answer 200). Maps
    /// (texts, bot config, the week) take new keys; the records in the settings (working hours) are checked inside.
    /// </summary>
    private static IEnumerable<string> UnknownMembers(JsonObject patch, JsonObject current, string path)
    {
        foreach (var (name, value) in patch)
        {
            if (!current.ContainsKey(name))
            {
                yield return $"{path}.{name}: there is no such setting (names are camelCase, as GET /api/v1/admin/settings shows them).";
            }
            else if (name == "workingHours" && path == "$" && value is JsonObject inner && current[name] is JsonObject hours)
            {
                foreach (var problem in UnknownMembers(inner, hours, $"{path}.{name}"))
                {
                    yield return problem;
                }
            }
        }
    }

    private static async Task<Ok<TenantSettings>> SaveSettingsAsync(TenantSettings settings, ClaimsPrincipal user, IGrainFactory grains,
        OutboundUrlPolicy outbound)
    {
        // The connection-time check is what protects (a name can resolve anywhere); this one tells the admin at once.
        if (settings.NotificationWebhookUrl is { Length: > 0 } url && outbound.ProblemWith(url) is { } problem)
        {
            throw DomainException.Invalid($"The settings are not valid: notificationWebhookUrl: {problem}");
        }

        return TypedResults.Ok((await Tenant(user, grains).UpdateSettingsAsync(settings.ToDomain())).ToContract());
    }

    private static async Task<Ok<TenantTextDefaults>> TextDefaults(ClaimsPrincipal user, IGrainFactory grains)
    {
        var language = (await Tenant(user, grains).GetSettingsAsync()).Language ?? TenantTexts.Languages[0];
        return TypedResults.Ok(new TenantTextDefaults(language, TenantTexts.Languages,
            TenantTexts.Languages.ToDictionary(l => l, l => TenantTexts.DefaultsFor(l), StringComparer.Ordinal)));
    }

    private static async Task<Ok<IReadOnlyList<OperatorInfo>>> ListOperatorsAsync(ClaimsPrincipal user, IGrainFactory grains)
    {
        var operators = new List<OperatorInfo>();
        foreach (var id in (await Tenant(user, grains).GetOperatorsAsync()).Values)
        {
            if (await Operator(user, grains, id).GetAsync() is { } info)
            {
                operators.Add(info.ToContract());
            }
        }

        return TypedResults.Ok<IReadOnlyList<OperatorInfo>>([.. operators.OrderBy(o => o.Username, StringComparer.Ordinal)]);
    }

    private static async Task<Created<OperatorInfo>> CreateOperatorAsync(CreateOperatorRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var created = await Tenant(user, grains).AddOperatorAsync(new NewOperator(request.Username ?? "", request.DisplayName ?? request.Username ?? "",
            request.Role.ToDomain(), request.Capacity, request.Password ?? ""));
        return TypedResults.Created($"/api/v1/admin/operators/{created.OperatorId}", created.ToContract());
    }

    private static async Task<Ok<OperatorInfo>> UpdateOperatorAsync(Guid id, UpdateOperatorRequest request, ClaimsPrincipal user, IGrainFactory grains,
        Operators.InboxRows rows)
    {
        var grain = Operator(user, grains, id);
        if (await grain.GetAsync() is null)
        {
            throw DomainException.NotFound("No such operator.");
        }

        if (request.Password is not null)
        {
            await grain.SetPasswordAsync(request.Password);
        }

        var updated = await grain.UpdateAsync(request.DisplayName, request.Role?.ToDomain(), request.Capacity, request.Groups);
        rows.Forget(new OperatorKey(updated.TenantId, updated.OperatorId));
        return TypedResults.Ok(updated.ToContract());
    }

    private static async Task<NoContent> RemoveOperatorAsync(Guid id, ClaimsPrincipal user, IGrainFactory grains, Operators.InboxRows rows)
    {
        if (user.OperatorId() == id)
        {
            throw DomainException.Rule("You cannot remove yourself; another admin can.");
        }

        var chats = (await Operator(user, grains, id).GetAsync())?.ActiveChats ?? [];
        await Tenant(user, grains).RemoveOperatorAsync(id);
        rows.Forget(new OperatorKey(user.TenantId(), id));

        // Removed first (offline, out of auto-assignment), so the queue cannot hand these customers straight back.
        var reason = "The operator was removed; waiting for another operator.";
        foreach (var conversationId in chats)
        {
            await grains.GetGrain<IConversationGrain>(new ConversationKey(user.TenantId(), conversationId).ToGrainKey()).ReturnToQueueAsync(id, reason);
        }

        return TypedResults.NoContent();
    }

    private static async Task<Ok<IReadOnlyList<CannedReply>>> ListCannedAsync(ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok<IReadOnlyList<CannedReply>>([.. (await Canned(user, grains).ListAsync()).Select(r => r.ToContract())]);

    private static async Task<Created<CannedReply>> SaveCannedAsync(CannedReply reply, ClaimsPrincipal user, IGrainFactory grains, IMediaStore media,
        CancellationToken cancellationToken)
    {
        var resolved = await CannedReplyMedia.ResolveAsync(WithoutNullMessages(reply).ToDomain(), user.TenantId(), media, cancellationToken);
        var saved = await Canned(user, grains).SaveAsync(resolved with { Id = Guid.Empty });
        return TypedResults.Created($"/api/v1/admin/canned-replies/{saved.Id}", saved.ToContract());
    }

    private static async Task<Ok<CannedReply>> ReplaceCannedAsync(Guid id, CannedReply reply, ClaimsPrincipal user, IGrainFactory grains, IMediaStore media,
        CancellationToken cancellationToken)
    {
        var library = Canned(user, grains);
        if ((await library.ListAsync()).All(r => r.Id != id))
        {
            throw DomainException.NotFound("No such canned reply.");
        }

        var resolved = await CannedReplyMedia.ResolveAsync(WithoutNullMessages(reply).ToDomain(), user.TenantId(), media, cancellationToken);
        return TypedResults.Ok((await library.SaveAsync(resolved with { Id = id })).ToContract());
    }

    /// <summary>The reply when none of its messages is null (JSON allows <c>[null]</c>; the mapping would fail on it).</summary>
    private static CannedReply WithoutNullMessages(CannedReply reply)
    {
        var missing = reply.Contents?.ToList().FindIndex(content => content is null) ?? -1;
        return missing < 0 ? reply : throw DomainException.Invalid($"$.contents[{missing}]: a message (text, image or link) is required, not null.");
    }

    private static async Task<NoContent> DeleteCannedAsync(Guid id, ClaimsPrincipal user, IGrainFactory grains)
    {
        await Canned(user, grains).DeleteAsync(id);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<IReadOnlyList<ApiKeyInfo>>> ListKeysAsync(ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok<IReadOnlyList<ApiKeyInfo>>([.. (await Tenant(user, grains).ListApiKeysAsync()).Select(k => k.ToContract())]);

    private static async Task<Created<ApiKeyCreated>> CreateKeyAsync(CreateApiKeyRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var created = await Tenant(user, grains).CreateApiKeyAsync(request.Name ?? "", request.Role.ToDomain());
        return TypedResults.Created($"/api/v1/admin/api-keys/{created.Info.Id}", created.ToContract());
    }

    private static async Task<NoContent> RevokeKeyAsync(Guid id, ClaimsPrincipal user, IGrainFactory grains)
    {
        await Tenant(user, grains).RevokeApiKeyAsync(id);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<IReadOnlyList<ChannelAccount>>> ListChannelsAsync(ClaimsPrincipal user, ChannelAdministration channels) =>
        TypedResults.Ok<IReadOnlyList<ChannelAccount>>([.. (await channels.ListAsync(user.TenantId())).Select(a => a.ToContract())]);

    private static async Task<Created<TelegramConnection>> ConnectTelegramAsync(ConnectTelegramBotRequest request, ClaimsPrincipal user,
        ChannelAdministration channels, CancellationToken cancellationToken) =>
        TypedResults.Created("/api/v1/admin/channels", (await channels.ConnectTelegramAsync(user.TenantId(), request.Token, request.Mode.ToDomain(), cancellationToken)).ToContract());

    private static async Task<Created<VkConnection>> ConnectVkAsync(ConnectVkCommunityRequest request, ClaimsPrincipal user,
        ChannelAdministration channels, CancellationToken cancellationToken) =>
        TypedResults.Created("/api/v1/admin/channels", (await channels.ConnectVkAsync(user.TenantId(), request.GroupId, request.Token, cancellationToken)).ToContract());
    private static async Task<Created<ViberConnection>> ConnectViberAsync(ConnectViberBotRequest request, ClaimsPrincipal user,
        ChannelAdministration channels, CancellationToken cancellationToken) =>
        TypedResults.Created("/api/v1/admin/channels", (await channels.ConnectViberAsync(user.TenantId(), request.Token, cancellationToken)).ToContract());

    private static async Task<Created<EmailConnection>> ConnectEmailAsync(ConnectEmailMailboxRequest request, ClaimsPrincipal user,
        ChannelAdministration channels, CancellationToken cancellationToken) =>
        TypedResults.Created("/api/v1/admin/channels", (await channels.ConnectEmailAsync(user.TenantId(), request, cancellationToken)).ToContract());

    private static async Task<Created<WhatsAppConnection>> ConnectWhatsAppAsync(ConnectWhatsAppNumberRequest request, ClaimsPrincipal user,
        ChannelAdministration channels, CancellationToken cancellationToken) =>
        TypedResults.Created("/api/v1/admin/channels", (await channels.ConnectWhatsAppAsync(user.TenantId(), request, cancellationToken)).ToContract());

    private static async Task<Created<MessengerConnection>> ConnectMessengerAsync(Conversations.Abstractions.Channels.ChannelKind kind,
        ConnectMetaAccountRequest request, ClaimsPrincipal user, ChannelAdministration channels, CancellationToken cancellationToken) =>
        TypedResults.Created("/api/v1/admin/channels", (await channels.ConnectMessengerAsync(user.TenantId(), kind, request, cancellationToken)).ToContract());

    private static async Task<Created<WidgetCreated>> CreateWidgetAsync(CreateWidgetRequest request, ClaimsPrincipal user, HttpRequest http, ChannelAdministration channels) =>
        TypedResults.Created("/api/v1/admin/channels", await channels.CreateWidgetAsync(user.TenantId(), request.Title, request.Key, $"{http.Scheme}://{http.Host}"));

    private static async Task<NoContent> DisconnectAsync(ChannelKind kind, string account, ClaimsPrincipal user, ChannelAdministration channels)
    {
        await channels.DisconnectAsync(user.TenantId(), kind.ToDomain(), account);
        return TypedResults.NoContent();
    }

    private static ITenantGrain Tenant(ClaimsPrincipal user, IGrainFactory grains) => grains.GetGrain<ITenantGrain>(user.TenantId());

    private static IOperatorGrain Operator(ClaimsPrincipal user, IGrainFactory grains, Guid id) =>
        grains.GetGrain<IOperatorGrain>(new OperatorKey(user.TenantId(), id).ToGrainKey());

    private static ICannedReplyLibraryGrain Canned(ClaimsPrincipal user, IGrainFactory grains) => grains.GetGrain<ICannedReplyLibraryGrain>(user.TenantId());
}
