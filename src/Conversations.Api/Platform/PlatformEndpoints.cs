using Conversations.Channels;
using Conversations.Channels.Accounts;
using Conversations.Channels.Telegram;
using Conversations.Channels.Widget;
using Conversations.Common;
using Conversations.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Conversations.Api.Platform;

/// <summary>
/// The platform administrator's API (<c>/api/v1/platform</c>, header <c>X-Platform-Key</c>): tenants and their
/// channel accounts.
/// </summary>
public static class PlatformEndpoints
{
    /// <summary>Maps the platform API.</summary>
    public static IEndpointRouteBuilder MapPlatformApi(this IEndpointRouteBuilder app)
    {
        var platform = app.MapGroup("/api/v1/platform").WithTags("Platform").AddEndpointFilter<PlatformKeyFilter>();
        platform.MapPost("/tenants", CreateTenantAsync).WithSummary("Create a tenant");
        platform.MapGet("/tenants", ListTenantsAsync).WithSummary("List tenants");
        platform.MapGet("/tenants/{slug}/channels", ListChannelsAsync).WithSummary("A tenant's channel accounts (without secrets)");
        platform.MapPost("/tenants/{slug}/telegram-bots", ConnectTelegramBotAsync).WithSummary("Connect a Telegram bot to a tenant");
        platform.MapPost("/tenants/{slug}/widgets", CreateWidgetAsync).WithSummary("Create a website widget for a tenant");
        platform.MapDelete("/tenants/{slug}/channels/{kind}/{account}", DisconnectAsync).WithSummary("Disconnect a channel account");
        return app;
    }

    private static async Task<Created<TenantInfo>> CreateTenantAsync(CreateTenantRequest request, IGrainFactory grains)
    {
        var tenant = await grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).CreateTenantAsync(request.Slug ?? "", request.Name ?? "");
        return TypedResults.Created($"/api/v1/platform/tenants/{tenant.Slug}", tenant);
    }

    private static async Task<Ok<IReadOnlyList<TenantInfo>>> ListTenantsAsync(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).ListAsync());

    private static async Task<Ok<IReadOnlyList<ChannelAccount>>> ListChannelsAsync(string slug, IGrainFactory grains)
    {
        var tenant = await FindTenantAsync(grains, slug);
        var accounts = new List<ChannelAccount>();
        foreach (var key in await grains.GetGrain<ITenantGrain>(tenant.TenantId).GetChannelAccountsAsync())
        {
            if (await grains.GetGrain<IChannelAccountGrain>(key.ToGrainKey()).GetAsync() is { } account)
            {
                accounts.Add(account.WithoutSecrets());
            }
        }

        return TypedResults.Ok<IReadOnlyList<ChannelAccount>>(accounts);
    }

    private static async Task<Created<TelegramConnection>> ConnectTelegramBotAsync(
        string slug, ConnectTelegramBotRequest request, IGrainFactory grains, TelegramConnector connector, CancellationToken cancellationToken)
    {
        var tenant = await FindTenantAsync(grains, slug);
        var connection = await connector.ConnectAsync(tenant.TenantId, request.Token, request.Mode, cancellationToken);
        return TypedResults.Created($"/api/v1/platform/tenants/{slug}/channels", connection);
    }

    private static async Task<Created<WidgetCreated>> CreateWidgetAsync(string slug, CreateWidgetRequest request, HttpRequest http, IGrainFactory grains, WidgetConnector widgets)
    {
        var tenant = await FindTenantAsync(grains, slug);
        var account = await widgets.CreateAsync(tenant.TenantId, request.Title, request.Key);
        var snippet = WidgetConnector.Snippet($"{http.Scheme}://{http.Host}", account.Key.Account);
        return TypedResults.Created($"/api/v1/platform/tenants/{slug}/channels", new WidgetCreated(account, snippet));
    }

    private static async Task<NoContent> DisconnectAsync(string slug, ChannelKind kind, string account, IGrainFactory grains, ChannelAccountCache cache)
    {
        var tenant = await FindTenantAsync(grains, slug);
        var key = new ChannelAccountKey(kind, account);
        await grains.GetGrain<IChannelAccountGrain>(key.ToGrainKey()).DisconnectAsync(tenant.TenantId);
        cache.Invalidate(key);
        return TypedResults.NoContent();
    }

    private static async Task<TenantInfo> FindTenantAsync(IGrainFactory grains, string slug) =>
        await grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).FindBySlugAsync(slug)
        ?? throw DomainException.NotFound($"No tenant with the slug '{slug}'.");
}
