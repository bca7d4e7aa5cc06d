using Conversations.Channels.Webhooks;
using Microsoft.AspNetCore.Http;

namespace Conversations.Channels.Meta.Webhooks;

/// <summary>
/// What Meta's webhooks share (developers.facebook.com/docs/graph-api/webhooks/getting-started): the GET verification
/// handshake and the <c>X-Hub-Signature-256</c> header, <c>sha256=</c> and the hex HMAC-SHA256 of the exact body under
/// the app secret.
/// </summary>
public static class MetaWebhook
{
    /// <summary>The header Meta signs webhook bodies in.</summary>
    public const string SignatureHeader = "X-Hub-Signature-256";

    /// <summary>What comes before the hex digest in <see cref="SignatureHeader"/>.</summary>
    public const string SignaturePrefix = "sha256=";

    /// <summary>Largest webhook body accepted (Meta batches up to 1000 updates; real bodies stay far below this).</summary>
    public const long MaxBodyBytes = 3 * 1024 * 1024;

    /// <summary>
    /// The answer to Meta's verification request: <c>hub.challenge</c> as plain text when <c>hub.mode</c> is
    /// <c>subscribe</c> and <c>hub.verify_token</c> is the app's (compared in constant time), else 403.
    /// </summary>
    public static IResult Handshake(HttpRequest request, MetaApp? app)
    {
        var query = request.Query;
        if (app is null || query["hub.mode"].ToString() != "subscribe"
            || !WebhookSecret.Matches(query["hub.verify_token"].ToString(), app.VerifyToken)
            || query["hub.challenge"].ToString() is not { Length: > 0 and <= 1024 } challenge)
        {
            return TypedResultsProblem(StatusCodes.Status403Forbidden, "Verification refused",
                "hub.mode must be subscribe, hub.verify_token the app's verify token and hub.challenge present.");
        }

        return Results.Text(challenge, "text/plain");
    }

    /// <summary>True when <paramref name="signature"/> is the app's signature of <paramref name="body"/>.</summary>
    public static bool IsSigned(MetaApp? app, ReadOnlySpan<byte> body, string? signature) =>
        app is not null && HmacSignature.Verify(HmacAlgorithm.Sha256, app.AppSecret, body, signature, SignatureEncoding.Hex, SignaturePrefix);

    private static IResult TypedResultsProblem(int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail);
}
