using Conversations.Abstractions.Channels;
using Conversations.Channels.Delivery;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Conversations.Channels.Email;

/// <summary>
/// SMTP failures as delivery outcomes by the reply code (RFC 5321 4.2.1): 5xx is a permanent failure (the recipient
/// refused, the mail refused), 4xx a transient one; a refused login (535) needs the mailbox reconnected, so it is
/// permanent too. Connection and protocol failures retry.
/// </summary>
public sealed class EmailSendErrorClassifier : ISendErrorClassifier
{
    /// <inheritdoc />
    public ChannelKind Kind => ChannelKind.Email;

    /// <inheritdoc />
    public DeliveryResult? Classify(Exception exception) => exception switch
    {
        AuthenticationException => DeliveryResult.Permanent("SMTP login refused: reconnect the mailbox with a valid password or access token."),
        SmtpCommandException { StatusCode: var code } ex when (int)code >= 500 => DeliveryResult.Permanent($"SMTP {(int)code}: {ex.Message}"),
        SmtpCommandException { StatusCode: var code } ex => DeliveryResult.Transient($"SMTP {(int)code}: {ex.Message}"),
        SmtpProtocolException or ServiceNotConnectedException or ProtocolException or SslHandshakeException => DeliveryResult.Transient($"SMTP: {exception.Message}"),
        IOException or System.Net.Sockets.SocketException or TimeoutException => DeliveryResult.Transient($"SMTP: {exception.Message}"),
        _ => SendFailures.FromTransport(exception),
    };
}
