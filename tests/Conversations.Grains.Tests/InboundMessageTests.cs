using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Grains.Conversations;

namespace Conversations.Grains.Tests;

public sealed class InboundMessageTests(EmbeddedClusterFixture fixture) : IClassFixture<EmbeddedClusterFixture>
{
    private readonly IClusterClient _grains = fixture.Client;

    [Fact]
    public async Task A_first_message_creates_the_customer_and_opens_a_conversation_in_bot_status()
    {
        var tenant = Guid.NewGuid();

        var result = await _grains.SendAsync(Inbound.Text(tenant, 501, "Здравствуйте!"));

        Assert.Equal(InboundOutcome.Stored, result.Outcome);
        var profile = await _grains.Customer(result).GetProfileAsync();
        Assert.Equal("Anna Petrova", profile!.DisplayName);
        Assert.Equal(result.ConversationId, profile.CurrentConversationId);
        Assert.Single(profile.Identities);
        var view = await _grains.Conversation(result).GetViewAsync();
        Assert.Equal(ConversationStatus.Bot, view!.Status);
        Assert.True(view.LastSeq >= result.Seq);
        Assert.True(view.LastCustomerMessageAt.ContainsKey(ChannelKind.Telegram));
    }

    [Fact]
    public async Task Messages_of_one_customer_go_to_one_conversation_in_order()
    {
        var tenant = Guid.NewGuid();

        var results = new List<InboundResult>();
        foreach (var text in new[] { "one", "two", "three" })
        {
            results.Add(await _grains.SendAsync(Inbound.Text(tenant, 502, text)));
        }

        Assert.Single(results.Select(r => r.ConversationId).Distinct());
        var history = await _grains.Conversation(results[0]).GetHistoryAsync(new HistoryQuery(IncludeBot: false, IncludeEvents: false));
        Assert.Equal(["one", "two", "three"], history.Select(m => ((TextContent)m.Content).Text));
        Assert.Equal(history.Select(m => m.Seq), results.Select(r => r.Seq));
    }

    [Fact]
    public async Task The_opening_is_recorded_as_an_event_before_the_first_message()
    {
        var result = await _grains.SendAsync(Inbound.Text(Guid.NewGuid(), 503, "hi"));

        var history = await _grains.Conversation(result).GetHistoryAsync(new HistoryQuery());

        Assert.Equal(ConversationEventKind.ConversationOpened, Assert.IsType<EventContent>(history[0].Content).Event);
        Assert.Equal(1, history[0].Seq);
        Assert.Equal(MessageDirection.Customer, history[1].Direction);
        Assert.Equal(2, result.Seq);
    }

    [Fact]
    public async Task A_message_redelivered_after_its_key_left_the_conversations_memory_is_still_stored_once()
    {
        var tenant = Guid.NewGuid();
        var old = Inbound.Text(tenant, 505, "the first", updateId: 91_000);
        var first = await _grains.SendAsync(old);
        for (var i = 1; i <= Persistence.Conversations.DedupEntry.RecentWindow + 4; i++)
        {
            await _grains.SendAsync(Inbound.Text(tenant, 505, $"later {i}", updateId: 91_000 + i));
        }

        var again = await _grains.SendAsync(old);

        Assert.Equal(InboundOutcome.Duplicate, again.Outcome);
        Assert.Equal((first.MessageId, first.Seq), (again.MessageId, again.Seq));
        var history = await _grains.Conversation(first).GetHistoryAsync(new HistoryQuery(IncludeBot: false, IncludeEvents: false));
        Assert.Single(history, m => ((TextContent)m.Content).Text == "the first");
    }

    [Fact]
    public async Task A_redelivered_message_is_stored_once_and_answers_with_the_first_copy()
    {
        var tenant = Guid.NewGuid();
        var message = Inbound.Text(tenant, 504, "only once", updateId: 90_001);

        var first = await _grains.SendAsync(message);
        var again = new List<InboundResult>();
        for (var i = 0; i < 5; i++)
        {
            again.Add(await _grains.SendAsync(message));
        }

        Assert.Equal(InboundOutcome.Stored, first.Outcome);
        Assert.All(again, r =>
        {
            Assert.Equal(InboundOutcome.Duplicate, r.Outcome);
            Assert.Equal(first.MessageId, r.MessageId);
            Assert.Equal(first.Seq, r.Seq);
        });
        var history = await _grains.Conversation(first).GetHistoryAsync(new HistoryQuery(IncludeBot: false, IncludeEvents: false));
        Assert.Single(history);
    }

    [Fact]
    public async Task Two_tenants_with_the_same_external_ids_are_kept_apart()
    {
        var shop = Guid.NewGuid();
        var bank = Guid.NewGuid();

        // Same bot account id, same user id, same update id: only the tenant differs.
        var inShop = await _grains.SendAsync(Inbound.Text(shop, 505, "shop question", updateId: 77));
        var inBank = await _grains.SendAsync(Inbound.Text(bank, 505, "bank question", updateId: 77));

        Assert.Equal(InboundOutcome.Stored, inShop.Outcome);
        Assert.Equal(InboundOutcome.Stored, inBank.Outcome);
        Assert.NotEqual(inShop.CustomerId, inBank.CustomerId);
        Assert.NotEqual(inShop.ConversationId, inBank.ConversationId);
        var shopHistory = await _grains.Conversation(inShop).GetHistoryAsync(new HistoryQuery(IncludeBot: false, IncludeEvents: false));
        var bankHistory = await _grains.Conversation(inBank).GetHistoryAsync(new HistoryQuery(IncludeBot: false, IncludeEvents: false));
        Assert.Equal("shop question", ((TextContent)Assert.Single(shopHistory).Content).Text);
        Assert.Equal("bank question", ((TextContent)Assert.Single(bankHistory).Content).Text);
    }

    [Fact]
    public async Task A_shared_own_contact_puts_the_phone_on_the_profile_and_someone_elses_does_not()
    {
        var tenant = Guid.NewGuid();
        var own = Inbound.Telegram(tenant, 506, new ContactContent("+79001234567", "Anna", null, "506"));
        var friend = Inbound.Telegram(tenant, 506, new ContactContent("+79990000000", "Boris", null, "999"));

        var result = await _grains.SendAsync(own);
        await _grains.SendAsync(friend);

        var profile = await _grains.Customer(result).GetProfileAsync();
        Assert.Equal(["+79001234567"], profile!.Phones);
    }

    [Fact]
    public async Task A_history_page_larger_than_the_limit_is_refused_with_a_clear_error()
    {
        var result = await _grains.SendAsync(Inbound.Text(Guid.NewGuid(), 507, "hi"));

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            _grains.Conversation(result).GetHistoryAsync(new HistoryQuery(Limit: 10_000)));

        Assert.Equal(DomainErrorCode.Invalid, error.Code);
    }
}
