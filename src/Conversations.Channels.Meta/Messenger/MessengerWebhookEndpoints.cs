using System.Text.Json;
using Conversations.Abstractions.Channels;
using Conversations.Channels.Meta.Messenger.Json;
using Conversations.Channels.Meta.Webhooks;
using Conversations.Channels.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Conversations.Channels.Meta.Messenger;

/// <summary>
/// <c>/webhooks/messenger/{appId}</c>: the Messenger Platform webhook of one Meta app, for Pages (<c>object: page</c>)
/// and Instagram professional accounts (<c>object: instagram</c>) alike. GET answers the verification handshake; POST
/// checks <c>X-Hub-Signature-256</c> over the exact bytes before parsing (401, nothing stored), stores every event of
/// the batch and answers 200 only once all are durable.
/// </summary>
public static class MessengerWebhookEndpoints
{
    /// <summary>The webhook path of <paramref name="appId"/>.</summary>
    public static string PathOf(string appId) => $"/webhooks/messenger/{Uri.EscapeDataString(appId)}";

    /// <summary>Maps the webhook.</summary>
    public static IEndpointRouteBuilder MapMessengerWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapGet("/webhooks/messenger/{appId}", (string appId, HttpRequest request, IOptions<MetaOptions> options) =>
                MetaWebhook.Handshake(request, options.Value.App(appId)))
            .WithName("MessengerWebhookVerification")
            .WithTags("Channels")
            .WithSummary("Meta's webhook verification handshake for Messenger and Instagram")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        app.MapPost("/webhooks/messenger/{appId}", ReceiveAsync)
            .WithName("MessengerWebhook")
            .WithTags("Channels")
            .WithSummary("Messenger and Instagram webhook (one URL per Meta app, signed with X-Hub-Signature-256)")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .DisableAntiforgery();
        return app;
    }

    private static async Task<Results<Ok, ProblemHttpResult>> ReceiveAsync(
        string appId, HttpRequest request, IOptions<MetaOptions> options, MessengerWebhookProcessor processor, CancellationToken cancellationToken)
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

        MsNotification? notification;
        try
        {
            notification = JsonSerializer.Deserialize<MsNotification>(body);
        }
        catch (JsonException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed webhook",
                detail: $"The body is not a Messenger Platform webhook: {(string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path)} is not valid.");
        }

        var kind = notification?.Object switch
        {
            "page" => ChannelKind.Messenger,
            "instagram" => ChannelKind.Instagram,
            _ => (ChannelKind?)null,
        };
        if (kind is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed webhook", detail: "object must be \"page\" or \"instagram\".");
        }

        await processor.ProcessAsync(app!, kind.Value, notification!, cancellationToken);
        return TypedResults.Ok();
    }
}
