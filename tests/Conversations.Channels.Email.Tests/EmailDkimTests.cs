using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Delivery;
using Conversations.Persistence.Media;
using Conversations.Testing;
using Conversations.Testing.Email;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;

namespace Conversations.Channels.Email.Tests;

/// <summary>
/// DKIM signing per mailbox (RFC 6376): a reply sent through smtp4dev arrives signed (relaxed/relaxed, rsa-sha256, the
/// recommended headers) and MimeKit's verifier accepts it with the mailbox's public key and refuses it with another;
/// a key that cannot sign, or a DKIM setting without the others, is refused on save naming the field, never echoed.
/// </summary>
[Collection(EmailCollection.Name)]
public sealed class EmailDkimTests(EmailGatewayFixture email)
{
    [Fact]
    public async Task A_reply_of_a_mailbox_with_dkim_arrives_signed_and_verifies_against_its_public_key_only()
    {
        using var rsa = RSA.Create(2048);
        using var other = RSA.Create(2048);
        var customer = EmailGatewayFixture.NewCustomerAddress();
        var mailbox = new EmailMailbox(Smtp4devServer.SupportAddress, "Shop support", new EmailServer("127.0.0.1", email.Mail.ImapPort, EmailTlsMode.None),
            new EmailServer("127.0.0.1", email.Mail.SmtpPort, EmailTlsMode.None), Smtp4devServer.SupportUser, EmailCredentialKind.Password, "INBOX",
            DkimDomain: "shop.test", DkimSelector: "mail2026");
        var settings = new Dictionary<string, string>(mailbox.ToSettings()) { [EmailDkim.PrivateKeySetting] = rsa.ExportRSAPrivateKeyPem() };
        var account = new ChannelAccount(new ChannelAccountKey(ChannelKind.Email, Smtp4devServer.SupportAddress), email.TenantId, "Shop support",
            InboundMode.Polling, Smtp4devServer.SupportPassword, "hook-secret", true, settings);
        var message = new OutboundMessage(Guid.NewGuid(), email.TenantId, Guid.NewGuid(), new ChannelAddress(ChannelKind.Email, Smtp4devServer.SupportAddress, customer),
            new TextContent("Ваш заказ отправлен. Your order has shipped."), 1, false);
        var sender = new EmailSender(email.App.Grains, email.App.Service<EmailSendErrorClassifier>(), email.App.Service<IMediaStore>());

        var result = await sender.SendAsync(account, message, CancellationToken.None);

        Assert.True(result.Outcome == DeliveryOutcome.Sent, $"{result.Outcome}: {result.Error}");
        var messageId = $"{message.MessageId:N}@shop.test";
        MimeMessage? received = null;
        await Eventually.HoldsAsync(async () => (received = (await email.Mail.ReceivedRawAsync()).Select(raw => MimeMessage.Load(new MemoryStream(raw)))
            .FirstOrDefault(m => m.MessageId == messageId)) is not null, "the signed reply received by smtp4dev");
        var signature = received!.Headers[received.Headers.IndexOf(HeaderId.DkimSignature)];
        var tags = signature.Value.Replace(" ", "", StringComparison.Ordinal).Replace("\r\n", "", StringComparison.Ordinal).Replace("\t", "", StringComparison.Ordinal);
        Assert.Contains("a=rsa-sha256", tags, StringComparison.Ordinal);
        Assert.Contains("c=relaxed/relaxed", tags, StringComparison.Ordinal);
        Assert.Contains("d=shop.test", tags, StringComparison.Ordinal);
        Assert.Contains("s=mail2026", tags, StringComparison.Ordinal);
        var signed = tags.Split(';').Single(t => t.StartsWith("h=", StringComparison.Ordinal))[2..].ToLowerInvariant().Split(':');
        Assert.Superset(new HashSet<string> { "from", "subject", "date", "to", "message-id", "mime-version", "content-type" }, signed.ToHashSet());
        Assert.True(await new DkimVerifier(new OneKeyLocator(rsa)).VerifyAsync(received, signature));
        Assert.False(await new DkimVerifier(new OneKeyLocator(other)).VerifyAsync(received, signature));
    }

    [Theory]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nbm90LWEta2V5LXNlY3JldC10ZXh0\n-----END RSA PRIVATE KEY-----", "shop.test", "mail2026", "dkimPrivateKey:")]
    [InlineData("not a key at all, secret-text", "shop.test", "mail2026", "dkimPrivateKey:")]
    [InlineData("short", "shop.test", null, "dkimSelector:")]
    [InlineData("short", null, "mail2026", "dkimDomain:")]
    [InlineData(null, "shop.test", "mail2026", "dkimPrivateKey:")]
    [InlineData("short", "shop.test", "bad selector!", "dkimSelector:")]
    public async Task A_dkim_setting_that_cannot_sign_is_refused_on_save_with_a_400_naming_the_field_and_the_key_never_echoed(
        string? key, string? domain, string? selector, string field)
    {
        var response = await email.ConnectAsync(email.MailboxRequest(r =>
        {
            r["address"] = "dkim-refused@shop.test";
            r["dkimPrivateKey"] = key;
            r["dkimDomain"] = domain;
            r["dkimSelector"] = selector;
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.StartsWith(field, detail, StringComparison.Ordinal);
        Assert.DoesNotContain("bm90LWEta2V5", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-text", detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_good_key_is_taken_and_kept_as_a_secret_setting_that_no_listing_shows()
    {
        using var rsa = RSA.Create(2048);
        var pem = rsa.ExportPkcs8PrivateKeyPem();
        var setup = new EmailMailboxSetup("support@shop.test", null, "imap.shop.test", null, null, "smtp.shop.test", null, null, null, "password", null, null,
            DkimDomain: "Shop.Test", DkimSelector: "mail2026", DkimPrivateKey: pem);

        var (mailbox, _) = EmailConnector.Validate(setup);
        var key = EmailConnector.DkimKeyOf(setup, mailbox);
        var account = new ChannelAccount(new ChannelAccountKey(ChannelKind.Email, mailbox.Address), Guid.NewGuid(), "Shop", InboundMode.Polling, "password", "hook",
            true, new Dictionary<string, string>(mailbox.ToSettings()) { [EmailDkim.PrivateKeySetting] = key! });

        Assert.Equal(pem.Trim().ReplaceLineEndings("\n"), key);
        Assert.Equal(("shop.test", "mail2026"), (EmailMailbox.Of(account).DkimDomain, EmailMailbox.Of(account).DkimSelector));
        Assert.DoesNotContain(account.WithoutSecrets().Settings!, s => s.Value.Contains("PRIVATE KEY", StringComparison.Ordinal));
        Assert.Equal("mail2026", account.WithoutSecrets().Settings!["dkim_selector"]);
    }

    /// <summary>Answers every DKIM key query with one RSA key's public half, as a DNS TXT record would (RFC 6376 3.6.1).</summary>
    private sealed class OneKeyLocator(RSA rsa) : DkimPublicKeyLocatorBase
    {
        private readonly string _record = "v=DKIM1; k=rsa; p=" + Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo());

        public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            GetPublicKey(_record);

        public override Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            Task.FromResult(GetPublicKey(_record));
    }
}
