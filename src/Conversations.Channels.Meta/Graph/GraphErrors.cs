using Conversations.Channels.Delivery;

namespace Conversations.Channels.Meta.Graph;

/// <summary>
/// What Meta's error codes mean for delivery, shared by WhatsApp, Messenger and Instagram. Codes from
/// developers.facebook.com/docs/graph-api/guides/error-handling (4, 17, 32, 613 throttling; 1, 2 transient; 190 and
/// 102 tokens; 10 and 200–299 permissions) and .../whatsapp/support/error-codes (130429 throughput, 131056 pair rate,
/// 131048 spam rate, 131026 undeliverable, 131047 re-engagement outside the 24-hour window, 131000 and 131016
/// transient, 368 and 131031 account restricted).
/// </summary>
public static class GraphErrors
{
    /// <summary>Too many calls: back off and try again.</summary>
    public static bool IsRateLimit(GraphError error) => error.Code is 4 or 17 or 32 or 613 or 80007 or 130429 or 131056;

    /// <summary>The access token is invalid, expired or lacks a permission: the account must be reconnected, retrying will not help.</summary>
    public static bool IsTokenProblem(GraphError error) =>
        error.Code is 190 or 102 or 0 || error.Code is >= 200 and <= 299 || (error.Code == 10 && !IsOutsideWindow(error));

    /// <summary>
    /// The access token itself is dead (190: expired, revoked, or the user changed their password; 102: the session
    /// is invalid): every call with it will fail until the account is connected again, so the account is disabled.
    /// Permission errors (10, 200–299) are not: they may concern one kind of message only.
    /// </summary>
    public static bool IsDeadToken(GraphError error) => error.Code is 190 or 102;

    /// <summary>What a dead token (<see cref="IsDeadToken"/>) means, for the admin: why the account was disabled, without the token.</summary>
    public static string Refusal(GraphError error) => error.Code switch
    {
        190 => $"the access token expired or was revoked (Graph error {error.Code})",
        _ => $"the access token's session is no longer valid (Graph error {error.Code})",
    };

    /// <summary>
    /// The messaging window is closed: WhatsApp 131047; Messenger code 10 with subcode 2018278, Instagram subcode
    /// 2534022. Code 10 alone is a permission error.
    /// </summary>
    public static bool IsOutsideWindow(GraphError error) =>
        error.Code == 131047 || (error.Code == 10 && error.Subcode is 2018278 or 2534022);

    /// <summary>The recipient cannot be reached (WhatsApp 131026 undeliverable; Messenger 551 "this person isn't available").</summary>
    public static bool IsRecipientUnreachable(GraphError error) => error.Code is 131026 or 551;

    /// <summary>A failure on Meta's side that may pass.</summary>
    public static bool IsTransient(GraphError error) => error.Code is 1 or 2 or 131000 or 131016;

    /// <summary>
    /// The outcome of <paramref name="exception"/> (a Graph error, or the transport failing), or null for anything
    /// else. Rate limits wait <paramref name="rateLimitWait"/>.
    /// </summary>
    public static DeliveryResult? Classify(Exception exception, TimeSpan rateLimitWait) => exception switch
    {
        GraphApiException { Error: var e } when IsRateLimit(e) => DeliveryResult.Later(rateLimitWait, e.ToString()),
        GraphApiException { Error: var e } when IsOutsideWindow(e) => DeliveryResult.Permanent($"outside the messaging window {e}"),
        GraphApiException { Error: var e } when IsRecipientUnreachable(e) => DeliveryResult.Blocked(e.ToString()),
        GraphApiException { Error: var e } when IsTokenProblem(e) => DeliveryResult.Permanent($"the access token was refused, reconnect the account {e}"),
        GraphApiException { Error: var e } when IsTransient(e) => DeliveryResult.Transient(e.ToString()),
        GraphApiException { Status: >= 500 } ex => DeliveryResult.Transient(ex.Error.ToString()),
        GraphApiException ex => DeliveryResult.Permanent(ex.Error.ToString()),
        _ => SendFailures.FromTransport(exception),
    };
}
