namespace Conversations.Channels.Viber.Api;

/// <summary>
/// The <c>status</c> codes of the REST bot API (developers.viber.com/docs/api/rest-bot-api/#error-codes; the same
/// table in creators.viber.com/docs/bots-api/errors): HTTP is 200 either way, the body's status tells.
/// </summary>
public static class ViberStatus
{
    /// <summary>0: success.</summary>
    public const int Ok = 0;

    /// <summary>1 invalidUrl: the webhook URL is not valid (or did not answer the webhook check).</summary>
    public const int InvalidUrl = 1;

    /// <summary>2 invalidAuthToken: the token is not valid.</summary>
    public const int InvalidAuthToken = 2;

    /// <summary>3 badData: the request is malformed.</summary>
    public const int BadData = 3;

    /// <summary>4 missingData: a mandatory field is missing.</summary>
    public const int MissingData = 4;

    /// <summary>5 receiverNotRegistered: the receiver is not registered to Viber.</summary>
    public const int ReceiverNotRegistered = 5;

    /// <summary>6 receiverNotSubscribed: the receiver is not subscribed to the bot.</summary>
    public const int ReceiverNotSubscribed = 6;

    /// <summary>7 publicAccountBlocked: the bot account is blocked.</summary>
    public const int PublicAccountBlocked = 7;

    /// <summary>8 publicAccountNotFound: the token belongs to no bot account.</summary>
    public const int PublicAccountNotFound = 8;

    /// <summary>9 publicAccountSuspended: the bot account is suspended.</summary>
    public const int PublicAccountSuspended = 9;

    /// <summary>10 webhookNotSet: no webhook is set for the bot.</summary>
    public const int WebhookNotSet = 10;

    /// <summary>11 receiverNoSuitableDevice: the receiver's device or Viber version does not support bots.</summary>
    public const int ReceiverNoSuitableDevice = 11;

    /// <summary>12 tooManyRequests: rate control breach.</summary>
    public const int TooManyRequests = 12;

    /// <summary>13 apiVersionNotSupported: every device of the receiver is below the message's min_api_version.</summary>
    public const int ApiVersionNotSupported = 13;

    /// <summary>14 incompatibleWithVersion: min_api_version does not match the message's fields.</summary>
    public const int IncompatibleWithVersion = 14;

    /// <summary>15 publicAccountNotAuthorized: the bot account is not authorized.</summary>
    public const int PublicAccountNotAuthorized = 15;

    /// <summary>16 inchatReplyMessageNotAllowed: inline message not allowed.</summary>
    public const int InchatReplyMessageNotAllowed = 16;

    /// <summary>17 publicAccountIsNotInline: the bot account is not inline.</summary>
    public const int PublicAccountIsNotInline = 17;

    /// <summary>18 noPublicChat: failed to post to the public account.</summary>
    public const int NoPublicChat = 18;

    /// <summary>19 cannotSendBroadcast: a broadcast could not be sent.</summary>
    public const int CannotSendBroadcast = 19;
}
