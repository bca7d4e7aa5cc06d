using System.Globalization;
using System.Text.Json;
using Conversations.Abstractions.Channels;
using Conversations.Channels.Accounts;
using Conversations.Channels.Vk.Api;
using Conversations.Channels.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Conversations.Channels.Vk;

/// <summary>
/// <c>POST /webhooks/vk/{groupId}</c>: the community's Callback API server (dev.vk.com/api/callback/getting-started).
/// The <c>secret</c> in the body must be the one set with the server (403 for a wrong secret, an unknown community and
/// a body of another community alike, nothing stored); <c>confirmation</c> is answered with the code fetched from
/// <c>groups.getCallbackConfirmationCode</c> (it changes when the settings change, so it is never cached); every other
/// notification is answered <c>ok</c> only once it is durable. VK repeats a notification not answered <c>ok</c>
/// (with <c>X-Retry-Counter</c>) under the same <c>event_id</c>, which the dedup key makes stored once, so a retry is
/// processed like the first delivery, never skipped.
/// </summary>
public static class VkWebhookEndpoints
{
    /// <summary>Largest notification body accepted (real ones are a few KB).</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Maps the Callback API endpoint.</summary>
    public static IEndpointRouteBuilder MapVkWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks/vk/{groupId}", ReceiveAsync)
            .WithName("VkCallback")
            .WithTags("Channels")
            .WithSummary("VK Callback API server (one URL per community)")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ReceiveAsync(
        string groupId,
        HttpRequest request,
        ChannelAccountCache accounts,
        VkCallbackProcessor processor,
        VkApiClient api,
        CancellationToken cancellationToken)
    {
        var body = await WebhookBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Notification too large",
                detail: $"Notifications larger than {MaxBodyBytes} bytes are refused.");
        }

        // Invalid UTF-8 inside a string would only fail later, when a field is read (not as a JsonException): refused here.
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed notification",
                detail: "The body is not valid UTF-8 JSON.");
        }

        VkCallback? callback;
        try
        {
            callback = JsonSerializer.Deserialize<VkCallback>(body, Json);
        }
        catch (JsonException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed notification",
                detail: $"The body is not a Callback API notification: {(string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path)} is not valid.");
        }

        // An unknown or disabled community, a notification for another community and a wrong secret get the same
        // answer, so the endpoint does not tell a prober which communities are connected.
        var account = await accounts.GetAsync(new ChannelAccountKey(ChannelKind.Vk, groupId));
        if (callback is null || account is null || !account.Enabled
            || !WebhookSecret.Matches(callback.Secret, account.WebhookSecret)
            || callback.GroupId.ToString(CultureInfo.InvariantCulture) != groupId)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: "No enabled community is connected under this URL with the secret in the body's secret field.");
        }

        if (callback.Type == "confirmation")
        {
            try
            {
                var code = await api.CallAsync<VkConfirmationCode>("groups.getCallbackConfirmationCode", account.Credential!,
                    [new("group_id", groupId)], cancellationToken);
                return Results.Text(code.Code ?? "", "text/plain");
            }
            catch (Exception ex) when (ex is VkApiException or HttpRequestException or JsonException)
            {
                return Results.Problem(statusCode: StatusCodes.Status502BadGateway, title: "Confirmation code unavailable",
                    detail: "VK did not give the confirmation code (groups.getCallbackConfirmationCode); VK asks again.");
            }
        }

        try
        {
            await processor.ProcessAsync(account, callback, cancellationToken);
        }
        catch (JsonException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed notification",
                detail: $"The {callback.Type} object is not valid: {(string.IsNullOrEmpty(ex.Path) ? "$" : "$.object" + ex.Path.TrimStart('$'))}.");
        }

        return Results.Text("ok", "text/plain");
    }
}
