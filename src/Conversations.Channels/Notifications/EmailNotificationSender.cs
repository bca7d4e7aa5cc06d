using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Delivery;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Conversations.Channels.Notifications;

/// <summary>E-mails a business notification (e.g. "a customer waits for an operator") with MailKit.</summary>
public sealed class EmailNotificationSender(IOptions<SmtpOptions> options) : IChannelSender
{
    /// <inheritdoc />
    public ChannelKind Kind => ChannelKind.NotificationEmail;

    /// <inheritdoc />
    public async Task<DeliveryResult> SendAsync(ChannelAccount account, OutboundMessage outbound, CancellationToken cancellationToken)
    {
        var smtp = options.Value;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            return DeliveryResult.Permanent("E-mail is not configured: set Notifications:Smtp:Host.");
        }

        if (outbound.Content is not NotificationContent notification)
        {
            return DeliveryResult.Permanent("Only notifications are e-mailed.");
        }

        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.Add(MailboxAddress.Parse(outbound.To.ChatId));
        message.Subject = notification.Subject;
        message.MessageId = $"{outbound.MessageId:N}@conversations";
        message.Body = new TextPart("plain") { Text = notification.Body };

        using var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, smtp.UseSsl ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.Username))
            {
                await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(true, cancellationToken);
            return DeliveryResult.Sent(message.MessageId);
        }
        catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500)
        {
            return DeliveryResult.Permanent($"SMTP {(int)ex.StatusCode}: {ex.Message}");
        }
        catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException or IOException
            or System.Net.Sockets.SocketException or AuthenticationException)
        {
            return DeliveryResult.Transient($"SMTP: {ex.Message}");
        }
    }
}
