using System.Text;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using MimeKit;

namespace Conversations.Channels.Email.Tests;

public sealed class EmailMessageMapperTests
{
    private static readonly ChannelAccount Account = new(new ChannelAccountKey(ChannelKind.Email, "support@shop.test"), Guid.NewGuid(), "Shop",
        InboundMode.Polling, "pw", "secret", true);

    [Fact]
    public void A_reply_shows_only_its_new_part_without_the_quoted_history_or_the_signature()
    {
        var mail = Parse("""
            From: Anna <anna@customer.test>
            To: support@shop.test
            Subject: Re: Order
            Message-ID: <r1@customer.test>
            In-Reply-To: <ours@shop.test>

            Yes, the address is right.

            --
            Anna Petrova, +7 900 000 00 00

            On Mon, 7 Dec 2026 at 10:00, Shop support <support@shop.test> wrote:
            > Is the address right?
            """);

        var inbound = new EmailMessageMapper().Map(mail, Account);

        Assert.Equal("Yes, the address is right.", ((TextContent)inbound.Message!.Content).Text);
        Assert.Equal(["ours@shop.test"], inbound.Thread!.References);
    }

    [Fact]
    public void A_russian_client_quote_header_is_cut_too()
    {
        Assert.Equal("Спасибо, получила.", EmailText.StripQuotesAndSignature("Спасибо, получила.\n\n7 дек. 2026 г., в 10:00, Shop <support@shop.test> пишет:\n> Заказ отправлен"));
    }

    [Fact]
    public void The_same_mail_without_a_message_id_has_the_same_dedup_key_each_time_it_is_read()
    {
        const string raw = "From: a@customer.test\r\nTo: support@shop.test\r\nSubject: x\r\n\r\nbody\r\n";

        var first = new EmailMessageMapper().Map(Parse(raw), Account).Message!;
        var second = new EmailMessageMapper().Map(Parse(raw), Account).Message!;

        Assert.Equal(first.DedupKey, second.DedupKey);
        Assert.StartsWith("em:support@shop.test:sha256:", first.DedupKey, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kilobyte_long_message_id_is_kept_by_its_hash_not_in_the_indexes()
    {
        var longId = new string('x', 2000) + "@customer.test";

        var inbound = new EmailMessageMapper().Map(Parse($"From: a@customer.test\r\nMessage-ID: <{longId}>\r\nSubject: x\r\n\r\nbody\r\n"), Account);

        Assert.Null(inbound.Message!.ChannelMessageId);
        Assert.Null(inbound.Thread!.MessageId);
        Assert.InRange(inbound.Message.DedupKey.Length, 1, 120);
    }

    [Theory]
    [InlineData("Auto-Submitted: auto-generated")]
    [InlineData("Precedence: list")]
    [InlineData("List-Id: <news.customer.test>")]
    [InlineData("X-Autoreply: yes")]
    public void Machine_mail_is_not_stored(string header)
    {
        var inbound = new EmailMessageMapper().Map(Parse($"From: a@customer.test\r\n{header}\r\nSubject: x\r\n\r\nbody\r\n"), Account);

        Assert.Null(inbound.Message);
        Assert.NotNull(inbound.IgnoredReason);
    }

    [Fact]
    public void Auto_submitted_no_is_a_person_writing()
    {
        var inbound = new EmailMessageMapper().Map(Parse("From: a@customer.test\r\nAuto-Submitted: no\r\nSubject: x\r\n\r\nbody\r\n"), Account);

        Assert.NotNull(inbound.Message);
    }

    [Fact]
    public void Reply_to_is_where_answers_go_and_the_from_address_is_who_wrote()
    {
        var inbound = new EmailMessageMapper().Map(
            Parse("From: Anna <Anna@Customer.test>\r\nReply-To: orders@customer.test\r\nSubject: x\r\nMessage-ID: <a@b>\r\n\r\nbody\r\n"), Account);

        Assert.Equal("anna@customer.test", inbound.Message!.Identity.ExternalUserId);
        Assert.Equal("orders@customer.test", inbound.Message.ReplyTo.ChatId);
        Assert.Equal("Anna", inbound.Message.Sender.DisplayName);
    }

    private static MimeMessage Parse(string raw)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(raw.ReplaceLineEndings("\r\n")));
        return MimeMessage.Load(stream);
    }
}
