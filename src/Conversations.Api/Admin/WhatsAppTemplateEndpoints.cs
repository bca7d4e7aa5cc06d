using System.Security.Claims;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using Conversations.Api.Auth;
using Conversations.Channels.Meta.WhatsApp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Contract = Conversations.Api.Contracts.Channels.MessageTemplate;

namespace Conversations.Api.Admin;

/// <summary>
/// The tenant's WhatsApp message templates: operators list them (to write to a customer whose 24-hour window has
/// closed); admins register them by hand or sync them from Meta, and remove them.
/// </summary>
public static class WhatsAppTemplateEndpoints
{
    /// <summary>Maps <c>GET /api/v1/whatsapp-templates</c> and the admin's <c>/api/v1/admin/whatsapp-templates</c>.</summary>
    public static IEndpointRouteBuilder MapWhatsAppTemplateApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/whatsapp-templates", ListAsync).WithTags("Conversations").RequireAuthorization(AuthExtensions.OperatorPolicy)
            .WithSummary("The tenant's WhatsApp message templates (only APPROVED ones can be sent)");
        var admin = app.MapGroup("/api/v1/admin/whatsapp-templates").WithTags("Admin").RequireAuthorization(AuthExtensions.AdminPolicy)
            .RequireRateLimiting(AuthExtensions.WriteLimit);
        admin.MapPost("", RegisterAsync).WithSummary("Register a template approved at Meta (name, language, status, category, body); replaces one of the same name and language")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPost("/sync", SyncAsync).WithSummary("Read the templates of every connected number's WhatsApp Business Account from Meta; replaces the previously synced ones")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        admin.MapDelete("/{name}/{language}", RemoveAsync).WithSummary("Remove a template")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>The contract form of <paramref name="template"/>.</summary>
    public static Contract ToContract(this MessageTemplate template) =>
        new(template.Name, template.Language, template.Status, template.Category, template.Body, [.. template.Placeholders], template.Synced, template.UpdatedAt);

    private static async Task<Ok<IReadOnlyList<Contract>>> ListAsync(ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok<IReadOnlyList<Contract>>([.. (await Library(user, grains).ListAsync()).Select(t => t.ToContract())]);

    private static async Task<Created<Contract>> RegisterAsync(Contract request, ClaimsPrincipal user, IGrainFactory grains, TimeProvider time)
    {
        var saved = await Library(user, grains).RegisterAsync(new MessageTemplate(request.Name?.Trim() ?? "", request.Language?.Trim() ?? "",
            request.Status?.Trim().ToUpperInvariant() ?? MessageTemplate.Approved, request.Category?.Trim().ToUpperInvariant() ?? "",
            request.Body ?? "", Synced: false, time.GetUtcNow()));
        return TypedResults.Created("/api/v1/whatsapp-templates", saved.ToContract());
    }

    private static async Task<Ok<IReadOnlyList<Contract>>> SyncAsync(ClaimsPrincipal user, WhatsAppTemplateSync sync, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<Contract>>([.. (await sync.SyncAsync(user.TenantId(), cancellationToken)).Select(t => t.ToContract())]);

    private static async Task<NoContent> RemoveAsync(string name, string language, ClaimsPrincipal user, IGrainFactory grains) =>
        await Library(user, grains).RemoveAsync(name, language)
            ? TypedResults.NoContent()
            : throw DomainException.NotFound($"No template '{name}' in language '{language}'.");

    private static IMessageTemplateLibraryGrain Library(ClaimsPrincipal user, IGrainFactory grains) =>
        grains.GetGrain<IMessageTemplateLibraryGrain>(user.TenantId());
}
