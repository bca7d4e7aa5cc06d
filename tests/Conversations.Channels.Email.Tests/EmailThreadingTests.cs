namespace Conversations.Channels.Email.Tests;

/// <summary>Which thread a customer's mail answers (<see cref="EmailThreading"/>), without a server.</summary>
public sealed class EmailThreadingTests
{
    private static readonly Guid Order = Guid.Parse("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
    private static readonly Guid Invoice = Guid.Parse("0190a1b2-c3d4-7e5f-8a9b-ffeeddccbbaa");

    private static readonly List<EmailThread> Threads =
    [
        new("Order 1042", "c1@customer.test", ["c1@customer.test", "r1@shop.test"], Order),
        new("Invoice question", "c2@customer.test", ["c2@customer.test"], Invoice),
    ];

    [Theory]
    [InlineData("Re: Order 1042", "order 1042")]
    [InlineData("RE: Fwd: AW: order   1042", "order 1042")]
    [InlineData("Re[2]: Order 1042", "order 1042")]
    [InlineData("Ответ: Отв: Заказ 1042", "заказ 1042")]
    [InlineData("SV: WG: Order 1042 [#2e3f4a5b]", "order 1042")]
    [InlineData("Request for the refund form", "request for the refund form")]
    [InlineData("Re:", "")]
    public void A_subject_is_compared_without_reply_and_forward_prefixes_and_our_token(string subject, string normalized) =>
        Assert.Equal(normalized, EmailThreading.NormalizeSubject(subject));

    [Fact]
    public void A_mail_that_references_our_reply_answers_its_thread_whatever_its_subject() =>
        Assert.Equal(0, EmailThreading.Match(Threads, new EmailThreadEntry("Something else entirely", "c3@customer.test", ["r1@shop.test"])));

    [Fact]
    public void A_mail_without_threading_headers_answers_the_thread_whose_token_its_subject_carries() =>
        Assert.Equal(0, EmailThreading.Match(Threads, new EmailThreadEntry($"Re: a subject the customer retyped {EmailThreading.TokenOf(Order)}", null, [])));

    [Fact]
    public void A_mail_without_threading_headers_on_the_same_subject_answers_that_thread() =>
        Assert.Equal(1, EmailThreading.Match(Threads, new EmailThreadEntry("AW: invoice QUESTION", "c3@customer.test", [])));

    [Fact]
    public void A_new_subject_from_the_same_sender_is_a_new_thread()
    {
        Assert.Equal(-1, EmailThreading.Match(Threads, new EmailThreadEntry("Delivery to another address", "c3@customer.test", [])));
        Assert.Equal(-1, EmailThreading.Match(Threads, new EmailThreadEntry("Re:", "c4@customer.test", ["unknown@elsewhere.test"])));
    }

    [Fact]
    public void The_token_is_made_of_the_random_end_of_the_conversation_id()
    {
        Assert.Equal("[#2e3f4a5b]", EmailThreading.TokenOf(Order));
        Assert.NotEqual(EmailThreading.TokenOf(Order), EmailThreading.TokenOf(Invoice)); // the same timestamp, different tokens
    }
}
