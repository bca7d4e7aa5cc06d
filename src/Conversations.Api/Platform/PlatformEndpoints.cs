using Conversations.Abstractions.Common;
using Conversations.Abstractions.Operators;
using Conversations.Abstractions.Tenants;
using Conversations.Abstractions.Tenants.Admission;
using Conversations.Api.Admin;
using Conversations.Api.Contracts.Channels;
using Conversations.Api.Contracts.Platform;
using Conversations.Api.Mappings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using ChannelAccount = Conversations.Api.Contracts.Channels.ChannelAccount;
using ChannelKind = Conversations.Api.Contracts.Channels.ChannelKind;
using TenantInfo = Conversations.Api.Contracts.Tenants.TenantInfo;

namespace Conversations.Api.Platform;

/// <summary>
/// The platform administrator's API (<c>/api/v1/platform</c>, header <c>X-Platform-Key</c>): tenants and their
/// channel accounts, and the plans that bound each tenant's share (<see cref="PlanEndpoints"/>).
/// </summary>
public static class PlatformEndpoints
{
    /// <summary>Maps the platform API.</summary>
    public static IEndpointRouteBuilder MapPlatformApi(this IEndpointRouteBuilder app)
    {
        var platform = app.MapGroup("/api/v1/platform").WithTags("Platform").AddEndpointFilter<PlatformKeyFilter>();
        platform.MapPost("/tenants", CreateTenantAsync).WithSummary("Create a tenant (on the plan named, else the default plan)")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        platform.MapGet("/tenants", ListTenantsAsync).WithSummary("List tenants");
        platform.MapGet("/tenants/{slug}/channels", ListChannelsAsync).WithSummary("A tenant's channel accounts (without secrets)");
        platform.MapPost("/tenants/{slug}/telegram-bots", ConnectTelegramBotAsync).WithSummary("Connect a Telegram bot to a tenant");
        platform.MapPost("/tenants/{slug}/vk-communities", ConnectVkCommunityAsync).WithSummary("Connect a VK community to a tenant");
        platform.MapPost("/tenants/{slug}/viber-bots", ConnectViberBotAsync).WithSummary("Connect a Viber bot to a tenant (sets its webhook)");
        platform.MapPost("/tenants/{slug}/email-mailboxes", ConnectEmailMailboxAsync).WithSummary("Connect a support mailbox (IMAP + SMTP) to a tenant");
        platform.MapPost("/tenants/{slug}/whatsapp-numbers", ConnectWhatsAppNumberAsync).WithSummary("Connect a WhatsApp Business phone number to a tenant");
        platform.MapPost("/tenants/{slug}/messenger-pages", (string slug, ConnectMetaAccountRequest request, IGrainFactory grains, ChannelAdministration channels, CancellationToken ct) =>
            ConnectMessengerAsync(slug, Conversations.Abstractions.Channels.ChannelKind.Messenger, request, grains, channels, ct)).WithSummary("Connect a Facebook Page (Messenger) to a tenant");
        platform.MapPost("/tenants/{slug}/instagram-accounts", (string slug, ConnectMetaAccountRequest request, IGrainFactory grains, ChannelAdministration channels, CancellationToken ct) =>
            ConnectMessengerAsync(slug, Conversations.Abstractions.Channels.ChannelKind.Instagram, request, grains, channels, ct)).WithSummary("Connect an Instagram professional account to a tenant");
        platform.MapPost("/tenants/{slug}/widgets", CreateWidgetAsync).WithSummary("Create a website widget for a tenant");
        platform.MapDelete("/tenants/{slug}/channels/{kind}/{account}", DisconnectAsync).WithSummary("Disconnect a channel account");
        platform.MapPlanApi();
        return app;
    }

    private static async Task<Created<TenantCreated>> CreateTenantAsync(CreateTenantRequest request, IGrainFactory grains, IConfiguration configuration)
    {
        // Check the first admin before creating anything, so a refused admin does not leave a tenant without one.
        var firstAdmin = new NewOperator(
            request.AdminUsername ?? "", request.AdminDisplayName ?? request.AdminUsername ?? "", OperatorRole.Admin, 5, request.AdminPassword ?? "");
        if (firstAdmin.Problems() is { Count: > 0 } problems)
        {
            throw DomainException.Invalid("The tenant's first admin: " + string.Join(" ", problems.Select(p => "admin" + char.ToUpperInvariant(p[0]) + p[1..])));
        }

        if (request.Language is { } language && !TenantTexts.Languages.Contains(language))
        {
            throw DomainException.Invalid($"language: '{language}' has no default texts; use one of {string.Join(", ", TenantTexts.Languages)}.");
        }

        var plan = await PlanEndpoints.PlanForNewTenantAsync(grains, request.Plan, configuration);
        var tenant = await grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).CreateTenantAsync(request.Slug ?? "", request.Name ?? "");
        var tenantGrain = grains.GetGrain<ITenantGrain>(tenant.TenantId);
        if (request.Language is { } chosen)
        {
            await tenantGrain.UpdateSettingsAsync(await tenantGrain.GetSettingsAsync() with { Language = chosen });
        }

        var admin = await tenantGrain.AddOperatorAsync(firstAdmin);
        if (plan is not null)
        {
            await grains.GetGrain<IPlanCatalogGrain>(IPlanCatalogGrain.Key).AssignAsync(tenant.TenantId, plan);
        }

        return TypedResults.Created($"/api/v1/platform/tenants/{tenant.Slug}", new TenantCreated(tenant.ToContract(), admin.ToContract(), plan));
    }

    private static async Task<Ok<IReadOnlyList<TenantInfo>>> ListTenantsAsync(IGrainFactory grains) =>
        TypedResults.Ok<IReadOnlyList<TenantInfo>>([.. (await grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).ListAsync()).Select(t => t.ToContract())]);

    private static async Task<Ok<IReadOnlyList<ChannelAccount>>> ListChannelsAsync(string slug, IGrainFactory grains, ChannelAdministration channels) =>
        TypedResults.Ok<IReadOnlyList<ChannelAccount>>([.. (await channels.ListAsync((await FindTenantAsync(grains, slug)).TenantId)).Select(a => a.ToContract())]);

    private static async Task<Created<TelegramConnection>> ConnectTelegramBotAsync(
        string slug, ConnectTelegramBotRequest request, IGrainFactory grains, ChannelAdministration channels, CancellationToken cancellationToken)
    {
        var tenant = await FindTenantAsync(grains, slug);
        var connection = await channels.ConnectTelegramAsync(tenant.TenantId, request.Token, request.Mode.ToDomain(), cancellationToken);
        return TypedResults.Created($"/api/v1/platform/tenants/{slug}/channels", connection.ToContract());
    }

    private static async Task<Created<VkConnection>> ConnectVkCommunityAsync(
        string slug, ConnectVkCommunityRequest request, IGrainFactory grains, ChannelAdministration channels, CancellationToken cancellationToken)
    {
        var tenant = await FindTenantAsync(grains, slug);
        var connection = await channels.ConnectVkAsync(tenant.TenantId, request.GroupId, request.Token, cancellationToken);
        return TypedResults.Created($"/api/v1/platform/tenants/{slug}/channels", connection.ToContract());
    }

    private static async Task<Created<ViberConnection>> ConnectViberBotAsync(
        string slug, ConnectViberBotRequest request, IGrainFactory grains, ChannelAdministration channels, CancellationToken cancellationToken)
    {
        var tenant = await FindTenantAsync(grains, slug);
        var connection = await channels.ConnectViberAsync(tenant.TenantId, request.Token, cancellationToken);
        return TypedResults.Created($"/api/v1/platform/tenants/{slug}/channels", connection.ToContract());
    }

    private static async Task<Created<EmailConnection>> ConnectEmailMailboxAsync(
        string slug, ConnectEmailMailboxRequest request, IGrainFactory grains, ChannelAdministration channels, CancellationToken cancellationToken)
    {
        var tenant = await FindTenantAsync(grains, slug);
        var connection = await channels.ConnectEmailAsync(tenant.TenantId, request, cancellationToken);
        return TypedResults.Created($"/api/v1/platform/tenants/{slug}/channels", connection.ToContract());
    }

    private static async Task<Created<WhatsAppConnection>> ConnectWhatsAppNumberAsync(
        string slug, ConnectWhatsAppNumberRequest request, IGrainFactory grains, ChannelAdministration channels, CancellationToken cancellationToken)
    {
        var tenant = await FindTenantAsync(grains, slug);
        var connection = await channels.ConnectWhatsAppAsync(tenant.TenantId, request, cancellationToken);
        return TypedResults.Created($"/api/v1/platform/tenants/{slug}/channels", connection.ToContract());
    }

    private static async Task<Created<MessengerConnection>> ConnectMessengerAsync(string slug, Conversations.Abstractions.Channels.ChannelKind kind,
        ConnectMetaAccountRequest request, IGrainFactory grains, ChannelAdministration channels, CancellationToken cancellationToken)
    {
        var tenant = await FindTenantAsync(grains, slug);
        var connection = await channels.ConnectMessengerAsync(tenant.TenantId, kind, request, cancellationToken);
        return TypedResults.Created($"/api/v1/platform/tenants/{slug}/channels", connection.ToContract());
    }

    private static async Task<Created<WidgetCreated>> CreateWidgetAsync(string slug, CreateWidgetRequest request, HttpRequest http, IGrainFactory grains, ChannelAdministration channels)
    {
        var tenant = await FindTenantAsync(grains, slug);
        var created = await channels.CreateWidgetAsync(tenant.TenantId, request.Title, request.Key, $"{http.Scheme}://{http.Host}");
        return TypedResults.Created($"/api/v1/platform/tenants/{slug}/channels", created);
    }

    private static async Task<NoContent> DisconnectAsync(string slug, ChannelKind kind, string account, IGrainFactory grains, ChannelAdministration channels)
    {
        await channels.DisconnectAsync((await FindTenantAsync(grains, slug)).TenantId, kind.ToDomain(), account);
        return TypedResults.NoContent();
    }

    private static async Task<Abstractions.Tenants.TenantInfo> FindTenantAsync(IGrainFactory grains, string slug) =>
        await grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).FindBySlugAsync(slug)
        ?? throw DomainException.NotFound($"No tenant with the slug '{slug}'.");
}
