using Conversations.Abstractions.Channels;
using Conversations.Channels.Accounts;
using Conversations.Channels.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using MimeKit;

namespace Conversations.Channels.Email;

/// <summary>
/// <c>POST /webhooks/email/{address}</c>: the raw-MIME inbound hook, for businesses whose MTA or mail provider pushes
/// mail instead of being read over IMAP. The body is the whole mail (<c>message/rfc822</c>); the header
/// <c>X-Conversations-Signature</c> is <c>sha256=</c> and the lower-case hex HMAC-SHA256 of the exact body bytes
/// under the mailbox's hook secret (given once when the mailbox is connected). A missing or wrong signature, an
/// unknown and a disabled mailbox get the same 401 and nothing is stored; a body that is not a mail is a 400;
/// 200 only once the mail is durable (or known never to be stored: an auto-reply, a bounce). The same mail pushed
/// twice, or also read over IMAP, is stored once (its Message-ID).
/// </summary>
public static class EmailWebhookEndpoints
{
    /// <summary>The signature header.</summary>
    public const string SignatureHeader = "X-Conversations-Signature";

    /// <summary>Largest mail taken, in bytes (a 25 MB attachment is about 34 MB once base64-encoded).</summary>
    public const long MaxMailBytes = 40L * 1024 * 1024;

    /// <summary>The hook's path for the mailbox <paramref name="address"/>.</summary>
    public static string PathOf(string address) => "/webhooks/email/" + Uri.EscapeDataString(address);

    /// <summary>Maps the inbound hook.</summary>
    public static IEndpointRouteBuilder MapEmailWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks/email/{address}", ReceiveAsync)
            .WithName("EmailInboundHook")
            .WithTags("Channels")
            .WithSummary("Raw-MIME inbound hook of a connected mailbox (message/rfc822, HMAC-SHA256 signed)")
            .Accepts<byte[]>("message/rfc822")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithMetadata(new RequestSizeLimitAttribute(MaxMailBytes))
            .DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ReceiveAsync(
        string address,
        HttpRequest request,
        ChannelAccountCache accounts,
        EmailInboundProcessor processor,
        CancellationToken cancellationToken)
    {
        var body = await WebhookBody.ReadAsync(request, MaxMailBytes, cancellationToken);
        if (body is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Mail too large",
                detail: $"Mails larger than {MaxMailBytes} bytes are refused.");
        }

        var account = address.Length is > 0 and <= EmailConnector.MaxAddressLength
            ? await accounts.GetAsync(new ChannelAccountKey(ChannelKind.Email, address.Trim().ToLowerInvariant()))
            : null;
        if (account is not { Enabled: true }
            || !HmacSignature.Verify(HmacAlgorithm.Sha256, account.WebhookSecret, body, request.Headers[SignatureHeader], SignatureEncoding.Hex, "sha256="))
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
                detail: $"{SignatureHeader} must be sha256= and the hex HMAC-SHA256 of the body under the hook secret of a connected mailbox.");
        }

        MimeMessage mail;
        try
        {
            using var stream = new MemoryStream(body, writable: false);
            mail = await MimeMessage.LoadAsync(stream, cancellationToken);
        }
        catch (FormatException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed mail",
                detail: $"body: not a message/rfc822 mail ({ex.Message}).");
        }

        var inbound = await processor.ProcessAsync(account, mail, cancellationToken);
        return Results.Text(inbound.Message is null ? $"ignored: {inbound.IgnoredReason}" : "stored", "text/plain");
    }
}
