using System.Net.Http.Headers;
using System.Text;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Delivery;
using Conversations.Channels.Webhooks;
using Conversations.Testing.Channels;
using MailKit.Net.Smtp;

namespace Conversations.Channels.Email.Tests;

/// <summary>Drives the e-mail gateway through the conformance suite: raw mails pushed to the signed inbound hook.</summary>
public sealed class EmailConformanceDriver : EmailGatewayFixture, IChannelConformanceDriver
{
    private const string HookPath = "/webhooks/email/support%40shop.test";

    public ChannelKind Kind => ChannelKind.Email;

    public ISendErrorClassifier? Classifier { get; } = new EmailSendErrorClassifier();

    public Task<InboundSample> NewTextMessageAsync(string text) => Task.FromResult(Sample("text", from => RawMail(from, "Subject", "text/plain", text)));

    public Task<IReadOnlyList<InboundKindCase>> InboundKindsAsync() => Task.FromResult<IReadOnlyList<InboundKindCase>>(
    [
        new(Sample("text/plain", from => RawMail(from, "Hello", "text/plain", "A question")), typeof(TextContent)),
        new(Sample("text/html", from => RawMail(from, "Hello", "text/html", "<p>A <b>question</b></p>")), typeof(TextContent)),
        new(Sample("attachment only", from => $"From: {from}\r\nTo: support@shop.test\r\nSubject: Scan\r\nMessage-ID: <{Guid.NewGuid():N}@customer.test>\r\n" +
            "MIME-Version: 1.0\r\nContent-Type: application/pdf; name=\"scan.pdf\"\r\nContent-Disposition: attachment; filename=\"scan.pdf\"\r\n" +
            "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n"), typeof(DocumentContent)),
        // A mail with nothing in it is still stored, as "unsupported", so an operator sees something arrived.
        new(Sample("empty", from => $"From: {from}\r\nTo: support@shop.test\r\nMessage-ID: <{Guid.NewGuid():N}@customer.test>\r\n\r\n"), typeof(UnsupportedContent)),
    ]);

    public async Task<HttpResponseMessage> DeliverAsync(InboundSample sample, WebhookCredential credential)
    {
        var body = Encoding.UTF8.GetBytes(sample.Body);
        var signature = credential switch
        {
            WebhookCredential.Valid => HmacSignature.Sign(HmacAlgorithm.Sha256, HookSecret, body, SignatureEncoding.Hex, "sha256="),
            WebhookCredential.Wrong => HmacSignature.Sign(HmacAlgorithm.Sha256, "forged-" + HookSecret, body, SignatureEncoding.Hex, "sha256="),
            _ => null,
        };
        return await PostAsync(body, signature);
    }

    public Task<HttpResponseMessage> DeliverRawAsync(byte[] body) =>
        PostAsync(body, HmacSignature.Sign(HmacAlgorithm.Sha256, HookSecret, body, SignatureEncoding.Hex, "sha256="));

    public Task<IReadOnlyList<ChatMessage>> StoredFromAsync(InboundSample sample) => HistoryAsync(sample.Customer);

    /// <summary>SMTP reply codes by class (RFC 5321 4.2.1) and MailKit's failures.</summary>
    public IReadOnlyList<SendErrorCase> SendErrors() =>
    [
        new("550 mailbox unavailable", Smtp(550), DeliveryOutcome.Permanent),
        new("552 exceeded storage allocation", Smtp(552), DeliveryOutcome.Permanent),
        new("554 transaction failed", Smtp(554), DeliveryOutcome.Permanent),
        new("421 service not available", Smtp(421), DeliveryOutcome.Transient),
        new("450 mailbox busy", Smtp(450), DeliveryOutcome.Transient),
        new("451 local error", Smtp(451), DeliveryOutcome.Transient),
        new("535 authentication refused", new MailKit.Security.AuthenticationException("535"), DeliveryOutcome.Permanent),
        new("connection dropped", new IOException("reset"), DeliveryOutcome.Transient),
    ];

    private static SmtpCommandException Smtp(int code) => new(SmtpErrorCode.MessageNotAccepted, (SmtpStatusCode)code, $"{code} from the server");

    private static InboundSample Sample(string kind, Func<string, string> mail)
    {
        var from = NewCustomerAddress();
        return new InboundSample(kind, from, mail(from));
    }

    private static string RawMail(string from, string subject, string type, string body) =>
        $"From: {from}\r\nTo: support@shop.test\r\nSubject: {subject}\r\nMessage-ID: <{Guid.NewGuid():N}@customer.test>\r\n" +
        $"MIME-Version: 1.0\r\nContent-Type: {type}; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n";

    private async Task<HttpResponseMessage> PostAsync(byte[] body, string? signature)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        if (signature is not null)
        {
            content.Headers.Add(EmailWebhookEndpoints.SignatureHeader, signature);
        }

        return await Http.PostAsync(HookPath, content);
    }
}
