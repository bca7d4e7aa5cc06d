using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Webhooks;
using CsCheck;
using MimeKit;

namespace Conversations.Channels.Email.Tests;

/// <summary>The raw-MIME inbound hook: signed with the mailbox's secret, stored once, never a 5xx.</summary>
[Collection(EmailCollection.Name)]
public sealed class EmailInboundHookTests(EmailGatewayFixture email)
{
    private const string Path = "/webhooks/email/support%40shop.test";

    [Fact]
    public async Task A_signed_mail_is_stored_once_however_often_it_is_pushed()
    {
        var customer = EmailGatewayFixture.NewCustomerAddress();
        var raw = Raw(EmailGatewayFixture.MailFrom(customer, "Hook", "Pushed by the MTA"));

        var first = await PushAsync(raw, Sign(raw));
        var again = await PushAsync(raw, Sign(raw));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var stored = Assert.Single(await email.HistoryAsync(customer), m => m.Direction == MessageDirection.Customer);
        Assert.Equal("Hook\n\nPushed by the MTA", ((TextContent)stored.Content).Text);
    }

    [Fact]
    public async Task A_mail_read_again_over_imap_after_it_was_stored_is_not_stored_twice()
    {
        // What a reader that crashed between storing a mail and moving its position does on restart: reads it again.
        var customer = EmailGatewayFixture.NewCustomerAddress();
        var mail = EmailGatewayFixture.MailFrom(customer, "Twice", "Stored once");
        var raw = Raw(mail);
        (await PushAsync(raw, Sign(raw))).EnsureSuccessStatusCode();

        await email.Mail.SendAsCustomerAsync(mail);
        await Conversations.Testing.Eventually.HoldsAsync(async () => (await email.Mail.SupportFlagsAsync()).TryGetValue(mail.MessageId!, out var flags)
            && flags.HasFlag(MailKit.MessageFlags.Seen), "the IMAP copy read and acknowledged", TimeSpan.FromSeconds(30));

        Assert.Single(await email.HistoryAsync(customer), m => m.Direction == MessageDirection.Customer);
    }

    [Fact]
    public async Task A_sender_whose_dmarc_passed_at_the_trusted_server_owns_the_address_for_linking_and_another_is_only_a_contact()
    {
        var verified = EmailGatewayFixture.NewCustomerAddress();
        var unverified = EmailGatewayFixture.NewCustomerAddress();
        var domain = verified[(verified.IndexOf('@', StringComparison.Ordinal) + 1)..];
        var passed = EmailGatewayFixture.MailFrom(verified, "Order", "Where is it?");
        passed.Headers.Insert(0, "Authentication-Results", $"{EmailGatewayFixture.TrustedAuthServId}; dkim=pass header.d={domain}; dmarc=pass (p=REJECT) header.from={domain}");
        var claimed = EmailGatewayFixture.MailFrom(unverified, "Order", "Where is it?");
        claimed.Headers.Insert(0, "Authentication-Results", $"relay.unknown.test; dmarc=pass header.from={domain}");

        foreach (var raw in new[] { Raw(passed), Raw(claimed) })
        {
            (await PushAsync(raw, Sign(raw))).EnsureSuccessStatusCode();
        }

        var verifiedCustomer = await email.CustomerAsync(verified);
        var unverifiedCustomer = await email.CustomerAsync(unverified);
        var owners = email.App.Grains;
        Assert.Equal(verifiedCustomer!.CustomerId,
            await owners.GetGrain<IContactOwnerGrain>(ContactOwnerKey.Email(email.TenantId, verified)).GetOwnerAsync());
        Assert.Null(await owners.GetGrain<IContactOwnerGrain>(ContactOwnerKey.Email(email.TenantId, unverified)).GetOwnerAsync());
        Assert.Contains(verified, verifiedCustomer.Emails);
        Assert.Contains(unverified, unverifiedCustomer!.Emails); // a contact operators can match on (suggestions), not a link
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sha256=00")]
    [InlineData("sha256=wrong-secret")]
    public async Task A_missing_or_wrong_signature_is_401_and_nothing_is_stored(string? signature)
    {
        var customer = EmailGatewayFixture.NewCustomerAddress();
        var raw = Raw(EmailGatewayFixture.MailFrom(customer, "Forged", "Not from the MTA"));
        if (signature == "sha256=wrong-secret")
        {
            signature = HmacSignature.Sign(HmacAlgorithm.Sha256, "wrong-secret", raw, SignatureEncoding.Hex, "sha256=");
        }

        var response = await PushAsync(raw, signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(await email.CustomerAsync(customer));
    }

    [Fact]
    public async Task An_unknown_mailbox_gets_the_same_401()
    {
        var raw = Raw(EmailGatewayFixture.MailFrom(EmailGatewayFixture.NewCustomerAddress(), "x", "y"));
        using var content = new ByteArrayContent(raw);
        content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        content.Headers.Add(EmailWebhookEndpoints.SignatureHeader, Sign(raw));

        var response = await email.Http.PostAsync("/webhooks/email/sales%40shop.test", content);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public static TheoryData<string, string> Corpus => new()
    {
        { "nested multiparts", MimeCorpus.NestedMultiparts },
        { "windows-1251 HTML only", MimeCorpus.Windows1251Html },
        { "koi8-r encoded-word subject", MimeCorpus.Koi8rSubject },
        { "broken boundary", MimeCorpus.BrokenBoundary },
        { "missing Message-ID", MimeCorpus.MissingMessageId },
        { "winmail.dat attachment", MimeCorpus.WinmailDat },
        { "no From", MimeCorpus.NoFrom },
        { "headers only", MimeCorpus.HeadersOnly },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Real_world_mime_shapes_are_taken_without_a_5xx(string shape, string template)
    {
        var customer = EmailGatewayFixture.NewCustomerAddress();
        var raw = Encoding.Latin1.GetBytes(template.Replace("{from}", customer, StringComparison.Ordinal).ReplaceLineEndings("\r\n"));

        var response = await PushAsync(raw, Sign(raw));

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{shape}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task A_windows_1251_html_mail_and_a_koi8_r_subject_are_stored_as_readable_russian()
    {
        var html = EmailGatewayFixture.NewCustomerAddress();
        var koi = EmailGatewayFixture.NewCustomerAddress();
        foreach (var (customer, template) in new[] { (html, MimeCorpus.Windows1251Html), (koi, MimeCorpus.Koi8rSubject) })
        {
            var raw = Encoding.Latin1.GetBytes(template.Replace("{from}", customer, StringComparison.Ordinal).ReplaceLineEndings("\r\n"));
            (await PushAsync(raw, Sign(raw))).EnsureSuccessStatusCode();
        }

        var htmlText = ((TextContent)Assert.Single(await email.HistoryAsync(html), m => m.Direction == MessageDirection.Customer).Content).Text;
        Assert.Equal("Вопрос по заказу\n\nЗдравствуйте!\nГде мой заказ?", htmlText);
        var koiText = ((TextContent)Assert.Single(await email.HistoryAsync(koi), m => m.Direction == MessageDirection.Customer).Content).Text;
        Assert.StartsWith("Привет из КОИ-8\n\n", koiText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fuzzed_signed_bodies_never_get_a_5xx()
    {
        var valid = Raw(EmailGatewayFixture.MailFrom(EmailGatewayFixture.NewCustomerAddress(), "Fuzz", "Base mail"));
        var bodies = Gen.OneOf(
            Gen.Byte.Array[0, 512],
            Gen.String.Select(Encoding.UTF8.GetBytes),
            Gen.Select(Gen.Int[0, valid.Length - 1].Array[1, 8], Gen.Byte.Array[8, 8], (positions, values) =>
            {
                var copy = (byte[])valid.Clone();
                for (var i = 0; i < positions.Length; i++)
                {
                    copy[positions[i]] = values[i % values.Length];
                }

                return copy;
            }),
            Gen.Int[0, valid.Length].Select(length => valid[..length]));

        await bodies.SampleAsync(async body =>
        {
            var response = await PushAsync(body, Sign(body));
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for a {body.Length}-byte body");
        }, seed: "C0nversat1on", iter: 150, threads: 1); // the conformance suite's seed and count
    }

    private Task<HttpResponseMessage> PushAsync(byte[] raw, string? signature) => email.PushAsync(raw, signature);

    private string Sign(byte[] raw) => email.Sign(raw);

    private static byte[] Raw(MimeMessage mail) => EmailGatewayFixture.Raw(mail);
}
