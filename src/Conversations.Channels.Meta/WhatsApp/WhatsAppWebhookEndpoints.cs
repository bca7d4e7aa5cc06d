using System.Text.Json;
using Conversations.Channels.Meta.Webhooks;
using Conversations.Channels.Meta.WhatsApp.Json;
using Conversations.Channels.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Conversations.Channels.Meta.WhatsApp;

/// <summary>
/// <c>/webhooks/whatsapp/{appId}</c>: the WhatsApp Business Account webhook of one Meta app (one callback URL per app,
/// whichever tenants' numbers it serves). GET answers Meta's verification handshake. POST checks
/// <c>X-Hub-Signature-256</c> over the exact bytes received before parsing anything (401, nothing stored, for a missing
/// or wrong signature and for an app this deployment does not know alike), then stores every message of the batch and
/// answers 200 only once all are durable; a redelivered batch is stored once.
/// </summary>
public static class WhatsAppWebhookEndpoints
{
    /// <summary>The webhook path of <paramref name="appId"/>.</summary>
    public static string PathOf(string appId) => $"/webhooks/whatsapp/{Uri.EscapeDataString(appId)}";

    /// <summary>Maps the webhook.</summary>
    public static IEndpointRouteBuilder MapWhatsAppWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapGet("/webhooks/whatsapp/{appId}", (string appId, HttpRequest request, IOptions<MetaOptions> options) =>
                MetaWebhook.Handshake(request, options.Value.App(appId)))
            .WithName("WhatsAppWebhookVerification")
            .WithTags("Channels")
            .WithSummary("Meta's webhook verification handshake (hub.mode, hub.verify_token, hub.challenge)")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        app.MapPost("/webhooks/whatsapp/{appId}", ReceiveAsync)
            .WithName("WhatsAppWebhook")
            .WithTags("Channels")
            .WithSummary("WhatsApp Cloud API webhook (one URL per Meta app, signed with X-Hub-Signature-256)")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .DisableAntiforgery();
        return app;
    }

    private static async Task<Results<Ok, ProblemHttpResult>> ReceiveAsync(
        string appId,
        HttpRequest request,
        IOptions<MetaOptions> options,
        WhatsAppWebhookProcessor processor,
        CancellationToken cancellationToken)
    {
        var body = await WebhookBody.ReadAsync(request, MetaWebhook.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Webhook too large",
                detail: $"Webhook bodies larger than {MetaWebhook.MaxBodyBytes} bytes are refused.");
        }

        var app = options.Value.App(appId);
        if (!MetaWebhook.IsSigned(app, body, request.Headers[MetaWebhook.SignatureHeader].ToString()))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
                detail: $"The {MetaWebhook.SignatureHeader} header is not the signature of this body by an app this deployment knows.");
        }

        WaNotification? notification;
        try
        {
            notification = JsonSerializer.Deserialize<WaNotification>(body);
        }
        catch (JsonException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed webhook",
                detail: $"The body is not a WhatsApp webhook: {(string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path)} is not valid.");
        }

        if (notification is not { Object: "whatsapp_business_account" })
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed webhook",
                detail: "object must be \"whatsapp_business_account\".");
        }

        await processor.ProcessAsync(app!, notification, cancellationToken);
        return TypedResults.Ok();
    }
}
