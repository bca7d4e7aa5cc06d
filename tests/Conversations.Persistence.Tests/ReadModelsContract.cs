using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Grains.Conversations;
using Conversations.Persistence.Conversations;
using Conversations.Persistence.Queries;

namespace Conversations.Persistence.Tests;

/// <summary>Inbox order and paging, word-form search and the customer directory, on PostgreSQL and in memory.</summary>
public abstract class ReadModelsContract
{
    protected abstract IConversationStore Store { get; }

    protected abstract IReadModels Read { get; }

    [Theory]
    [InlineData("заказ", "Где мой заказа?")]
    [InlineData("заказов", "Заказ не пришёл")]
    [InlineData("доставки", "Сколько стоит доставка?")]
    [InlineData("orders", "My order arrived broken")]
    [InlineData("delivered", "It was never delivering")]
    public async Task Search_finds_other_word_forms_and_highlights_the_match(string query, string text)
    {
        var conversation = new CommitBuilder(Guid.NewGuid());
        await Store.CommitAsync(conversation.Customer(text));
        await Store.CommitAsync(conversation.Customer("совсем другое сообщение про погоду"));

        var hits = await Read.SearchMessagesAsync(conversation.TenantId, query, null, 10);

        var hit = Assert.Single(hits);
        Assert.Equal(text, ((TextContent)hit.Message.Content).Text);
        Assert.Contains("[[", hit.Highlight, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_stays_inside_the_tenant_and_the_customer()
    {
        var mine = new CommitBuilder(Guid.NewGuid());
        var otherCustomer = new CommitBuilder(mine.TenantId);
        var otherTenant = new CommitBuilder(Guid.NewGuid());
        await Store.CommitAsync(mine.Customer("возврат товара"));
        await Store.CommitAsync(otherCustomer.Customer("возврат денег"));
        await Store.CommitAsync(otherTenant.Customer("возврат чужой"));

        var tenantWide = await Read.SearchMessagesAsync(mine.TenantId, "возвраты", null, 10);
        var oneCustomer = await Read.SearchMessagesAsync(mine.TenantId, "возвраты", mine.CustomerId, 10);

        Assert.Equal(2, tenantWide.Count);
        Assert.Equal(mine.CustomerId, Assert.Single(oneCustomer).CustomerId);
    }

    [Fact]
    public async Task The_inbox_puts_waiting_customers_first_and_pages_without_repeats()
    {
        var tenant = Guid.NewGuid();
        var start = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        var ids = new List<(Guid Id, bool Waiting)>();
        for (var i = 0; i < 9; i++)
        {
            var c = new CommitBuilder(tenant);
            var commit = c.Customer($"m{i}");
            var waiting = i % 3 == 0;
            var record = commit.Conversation with
            {
                Status = waiting ? ConversationStatus.WaitingForOperator : ConversationStatus.Bot,
                WaitingSince = waiting ? start.AddMinutes(10 - i) : null,
                LastActivityAt = start.AddMinutes(i),
                LastCustomerMessageAt = start.AddMinutes(i),
            };
            await Store.CommitAsync(commit with { Conversation = record });
            ids.Add((c.ConversationId, waiting));
        }

        var pages = new List<ConversationRecord>();
        InboxCursor? after = null;
        while (true)
        {
            var page = await Read.QueryInboxAsync(new InboxQuery(tenant, null, null, false, null, null, after, 2));
            pages.AddRange(page);
            if (page.Count < 2)
            {
                break;
            }

            var last = page[^1];
            after = new InboxCursor(InboxCursor.RankOf(last.Status == ConversationStatus.WaitingForOperator, last.WaitingSince, last.LastActivityAt), last.ConversationId);
        }

        Assert.Equal(9, pages.Select(p => p.ConversationId).Distinct().Count());
        Assert.All(pages.Take(3), p => Assert.Equal(ConversationStatus.WaitingForOperator, p.Status));
        Assert.Equal(pages.Take(3).OrderBy(p => p.WaitingSince).Select(p => p.ConversationId), pages.Take(3).Select(p => p.ConversationId));
        Assert.Equal(pages.Skip(3).OrderByDescending(p => p.LastActivityAt).Select(p => p.ConversationId), pages.Skip(3).Select(p => p.ConversationId));
    }

    [Fact]
    public async Task Changed_since_lists_the_tenants_changed_conversations_closed_ones_too_in_order_of_change_and_pages_without_repeats()
    {
        var tenant = Guid.NewGuid();
        var start = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        var expected = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            var c = new CommitBuilder(tenant);
            var commit = c.Customer($"m{i}");
            // Minutes apart and seconds apart, out of order, one closed; the first two are before the moment asked for.
            var at = start.AddMinutes(i % 2 == 0 ? 10 - i : i).AddSeconds(i * 7);
            var status = i == 4 ? ConversationStatus.Closed : ConversationStatus.Bot;
            await Store.CommitAsync(commit with { Conversation = commit.Conversation with { LastActivityAt = at, Status = status } });
            if (at >= start.AddMinutes(3).AddSeconds(5))
            {
                expected.Add(c.ConversationId);
            }
        }

        var sameMinuteBefore = new CommitBuilder(tenant).Customer("10:03:02");
        await Store.CommitAsync(sameMinuteBefore with { Conversation = sameMinuteBefore.Conversation with { LastActivityAt = start.AddMinutes(3).AddSeconds(2) } });
        var elsewhere = new CommitBuilder(Guid.NewGuid());
        var foreign = elsewhere.Customer("other tenant");
        await Store.CommitAsync(foreign with { Conversation = foreign.Conversation with { LastActivityAt = start.AddMinutes(5) } });

        var since = start.AddMinutes(3).AddSeconds(5); // within a minute: the rows of 10:03 before :05 are not changes since
        var pages = new List<ConversationRecord>();
        ChangedCursor? after = null;
        while (true)
        {
            var page = await Read.ChangedSinceAsync(tenant, since, after, 2);
            pages.AddRange(page);
            if (page.Count < 2)
            {
                break;
            }

            after = ChangedCursor.After(page[^1]);
        }

        Assert.Equal(expected.Order(), pages.Select(p => p.ConversationId).Order());
        Assert.Equal(pages.OrderBy(p => p.LastActivityAt).Select(p => p.ConversationId), pages.Select(p => p.ConversationId));
        Assert.All(pages, p => Assert.True(p.LastActivityAt >= since));
        Assert.Contains(pages, p => p.Status == ConversationStatus.Closed);
    }

    [Fact]
    public async Task The_inbox_filters_by_a_label_and_the_labels_in_use_are_counted_per_tenant()
    {
        var tenant = Guid.NewGuid();
        var other = Guid.NewGuid();
        async Task<Guid> ConversationAsync(Guid tenantId, string stateJson, ConversationStatus status = ConversationStatus.Bot)
        {
            var c = new CommitBuilder(tenantId);
            var commit = c.Customer("вопрос");
            await Store.CommitAsync(commit with { Conversation = commit.Conversation with { StateJson = stateJson, Status = status } });
            return c.ConversationId;
        }

        var vipRefund = await ConversationAsync(tenant, """{"labels":["vip","refund"]}""");
        var refund = await ConversationAsync(tenant, """{"labels":["refund"]}""");
        await ConversationAsync(tenant, "{}");
        await ConversationAsync(tenant, """{"labels":["refund"]}""", ConversationStatus.Closed);
        await ConversationAsync(other, """{"labels":["refund","vip"]}""");

        var refunds = await Read.QueryInboxAsync(new InboxQuery(tenant, null, null, false, null, null, null, 10, "refund"));
        var vips = await Read.QueryInboxAsync(new InboxQuery(tenant, null, null, false, null, null, null, 10, "vip"));
        var none = await Read.QueryInboxAsync(new InboxQuery(tenant, null, null, false, null, null, null, 10, "ref"));
        var labels = await Read.ListLabelsAsync(tenant, 10);

        Assert.Equal(new HashSet<Guid> { vipRefund, refund }, refunds.Select(r => r.ConversationId).ToHashSet());
        Assert.Equal(vipRefund, Assert.Single(vips).ConversationId);
        Assert.Empty(none);
        Assert.Equal([new LabelUsage("refund", 2), new LabelUsage("vip", 1)], labels);
    }

    [Fact]
    public async Task Customers_are_found_by_name_phone_or_email_within_the_tenant()
    {
        var tenant = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await Read.UpsertCustomerAsync(new CustomerRecord(tenant, Guid.NewGuid(), "Анна Петрова", "anna_p", ["+7 (900) 123-45-67"], ["anna@example.com"], [], now, now));
        await Read.UpsertCustomerAsync(new CustomerRecord(Guid.NewGuid(), Guid.NewGuid(), "Анна Чужая", null, [], [], [], now, now));

        Assert.Single(await Read.SearchCustomersAsync(tenant, "анна", 10));
        Assert.Single(await Read.SearchCustomersAsync(tenant, "9001234567", 10));
        Assert.Single(await Read.SearchCustomersAsync(tenant, "ANNA@EXAMPLE", 10));
        Assert.Single(await Read.SearchCustomersAsync(tenant, "anna_", 10));
        Assert.Empty(await Read.SearchCustomersAsync(tenant, "%", 10));
    }

    [Fact]
    public async Task Customers_are_found_by_an_exact_tag_within_the_tenant_and_a_cleared_tag_finds_nothing()
    {
        var tenant = Guid.NewGuid();
        var customer = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await Read.UpsertCustomerAsync(new CustomerRecord(tenant, customer, "Вера", null, [], [], [], now, now, Tags: ["vip", "опт"]));
        await Read.UpsertCustomerAsync(new CustomerRecord(Guid.NewGuid(), Guid.NewGuid(), "Чужая", null, [], [], [], now, now, Tags: ["vip"]));

        var found = Assert.Single(await Read.SearchCustomersAsync(tenant, "VIP", 10));
        Assert.Equal(["vip", "опт"], found.Tags);
        Assert.Single(await Read.SearchCustomersAsync(tenant, "опт", 10));
        Assert.Empty(await Read.SearchCustomersAsync(tenant, "vi", 10)); // a tag is matched whole

        await Read.UpsertCustomerAsync(new CustomerRecord(tenant, customer, "Вера", null, [], [], [], now, now.AddSeconds(1), Tags: []));
        Assert.Empty(await Read.SearchCustomersAsync(tenant, "vip", 10));
    }

    [Fact]
    public async Task Customers_sharing_a_phone_or_an_email_are_found_within_the_tenant_only()
    {
        var (tenant, other) = (Guid.NewGuid(), Guid.NewGuid());
        var now = DateTimeOffset.UtcNow;
        var byPhone = Guid.NewGuid();
        var byEmail = Guid.NewGuid();
        await Read.UpsertCustomerAsync(new CustomerRecord(tenant, byPhone, "Анна", null, ["+79001234567"], [], [], now, now));
        await Read.UpsertCustomerAsync(new CustomerRecord(tenant, byEmail, "Anna P", null, [], ["anna@example.com"], [], now, now.AddSeconds(1), "crm-1"));
        await Read.UpsertCustomerAsync(new CustomerRecord(tenant, Guid.NewGuid(), "Борис", null, ["+79007654321"], ["boris@example.com"], [], now, now));
        await Read.UpsertCustomerAsync(new CustomerRecord(other, Guid.NewGuid(), "Анна чужая", null, ["+79001234567"], ["anna@example.com"], [], now, now));

        var found = await Read.FindCustomersByContactsAsync(tenant, ["+79001234567"], ["ANNA@example.com"], 10);

        Assert.Equal([byEmail, byPhone], found.Select(c => c.CustomerId));
        Assert.Equal("crm-1", found[0].ExternalId);
        Assert.Empty(await Read.FindCustomersByContactsAsync(tenant, ["+70000000000"], [], 10));
    }
}
