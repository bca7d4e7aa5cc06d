using System.Text;
using Conversations.Abstractions.Channels;
using MimeKit;

namespace Conversations.Channels.Email.Tests;

/// <summary>When the From address of a mail counts as verified for linking the customer across channels.</summary>
public sealed class EmailSenderVerificationTests
{
    private const string Trusted = "mx.shop-mail.test";

    [Theory]
    [InlineData("Authentication-Results: mx.shop-mail.test; spf=pass smtp.mailfrom=customer.test; dkim=pass header.d=customer.test; dmarc=pass (p=REJECT) header.from=customer.test", true)]
    [InlineData("Authentication-Results: mx.shop-mail.test; dmarc=fail (p=NONE) header.from=customer.test", false)]
    [InlineData("Authentication-Results: mx.shop-mail.test; dmarc=pass header.from=other.test", false)] // passed for another domain
    [InlineData("Authentication-Results: relay.elsewhere.test; dmarc=pass header.from=customer.test", false)] // a server we do not trust
    [InlineData("Authentication-Results: mx.shop-mail.test; spf=pass smtp.mailfrom=customer.test", false)] // no DMARC result at all
    public void Only_a_DMARC_pass_for_the_from_domain_written_by_the_trusted_server_verifies_the_sender(string header, bool verified)
    {
        var mail = Mail(header);

        Assert.Equal(verified, new EmailMessageMapper().Map(mail, Account(Trusted)).Message!.Verified?.Email == "anna@customer.test");
    }

    [Fact]
    public void A_forged_pass_below_the_trusted_servers_own_header_is_not_believed()
    {
        var mail = Mail(
            "Authentication-Results: mx.shop-mail.test; dmarc=fail header.from=customer.test",
            "Authentication-Results: mx.shop-mail.test; dmarc=pass header.from=customer.test");

        Assert.Null(new EmailMessageMapper().Map(mail, Account(Trusted)).Message!.Verified);
    }

    [Fact]
    public void Without_a_trusted_server_no_header_verifies_the_sender_unless_the_business_vouches_for_its_senders()
    {
        var mail = Mail("Authentication-Results: mx.shop-mail.test; dmarc=pass header.from=customer.test");

        Assert.Null(new EmailMessageMapper().Map(mail, Account(null)).Message!.Verified);
        Assert.Equal("anna@customer.test", new EmailMessageMapper().Map(Mail(), Account(null, vouch: true)).Message!.Verified!.Email);
    }

    private static ChannelAccount Account(string? trusted, bool vouch = false) =>
        new(new ChannelAccountKey(ChannelKind.Email, "support@shop.test"), Guid.NewGuid(), "Shop", InboundMode.Polling, "pw", "secret", true,
            new EmailMailbox("support@shop.test", "Shop", new EmailServer("imap.shop.test", 993, EmailTlsMode.SslOnConnect),
                new EmailServer("smtp.shop.test", 587, EmailTlsMode.StartTls), "support", EmailCredentialKind.Password, "INBOX",
                TrustedAuthServId: trusted, VouchForSenders: vouch).ToSettings());

    private static MimeMessage Mail(params string[] headers)
    {
        var raw = string.Join("\r\n", headers.Append("From: Anna <Anna@Customer.test>").Append("To: support@shop.test").Append("Subject: Order")
            .Append("Message-ID: <" + Guid.NewGuid().ToString("N") + "@customer.test>")) + "\r\n\r\nWhere is my order?\r\n";
        return MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(raw)));
    }
}
