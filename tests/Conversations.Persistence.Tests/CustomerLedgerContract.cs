using Conversations.Abstractions.Conversations;
using Conversations.Persistence.Conversations;
using Conversations.Persistence.Customers;
using Conversations.Persistence.Queries;

namespace Conversations.Persistence.Tests;

/// <summary>What a merge writes beside grain state (conversations moved, the audit trail), on PostgreSQL and in memory.</summary>
public abstract class CustomerLedgerContract
{
    protected abstract IConversationStore Store { get; }

    protected abstract IReadModels Read { get; }

    protected abstract ICustomerLedger Ledger { get; }

    [Fact]
    public async Task A_moved_conversation_and_its_messages_belong_to_the_new_customer_and_its_next_commit_keeps_that()
    {
        var conversation = new CommitBuilder(Guid.NewGuid());
        var untouched = new CommitBuilder(conversation.TenantId);
        await Store.CommitAsync(conversation.Customer("до слияния"));
        await Store.CommitAsync(untouched.Customer("не трогать"));
        var survivor = Guid.NewGuid();

        await Ledger.MoveConversationAsync(conversation.TenantId, conversation.ConversationId, survivor);
        var next = conversation.Customer("после слияния");
        await Store.CommitAsync(next with { Conversation = next.Conversation with { CustomerId = survivor }, Messages = [.. next.Messages.Select(m => m with { CustomerId = survivor })] });

        Assert.Equal([conversation.ConversationId], (await Read.ListCustomerConversationsAsync(conversation.TenantId, survivor, 10)).Select(c => c.ConversationId));
        Assert.Empty(await Read.ListCustomerConversationsAsync(conversation.TenantId, conversation.CustomerId, 10));
        Assert.Equal(2, (await Read.SearchMessagesAsync(conversation.TenantId, "слияния", survivor, 10)).Count);
        Assert.Equal([untouched.ConversationId], (await Read.ListCustomerConversationsAsync(untouched.TenantId, untouched.CustomerId, 10)).Select(c => c.ConversationId));
        Assert.Equal(2, (await Store.ReadMessagesAsync(conversation.TenantId, conversation.ConversationId, new HistoryQuery())).Count);
    }

    [Fact]
    public async Task The_audit_trail_is_read_per_customer_and_tenant_newest_first()
    {
        var (tenant, customer, other) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var at = new DateTimeOffset(2026, 12, 7, 5, 0, 0, TimeSpan.Zero);
        var actor = Guid.NewGuid();

        await Ledger.AppendAuditAsync([
            new(tenant, customer, at, actor, "Olga", "merged", """{"absorbedId":"x"}"""),
            new(tenant, other, at, actor, "Olga", "absorbed", "{}"),
        ]);
        await Ledger.AppendAuditAsync([new(tenant, customer, at.AddMinutes(1), null, "API", "unmerged", """{"identities":["Telegram 777/1"]}""")]);
        await Ledger.AppendAuditAsync([new(Guid.NewGuid(), customer, at, actor, "Mallory", "merged", "{}")]);

        var trail = await Ledger.ReadAuditAsync(tenant, customer, 10);

        Assert.Equal(["unmerged", "merged"], trail.Select(e => e.Action));
        Assert.Equal((at.AddMinutes(1), (Guid?)null, "API"), (trail[0].At, trail[0].ActorId, trail[0].ActorName));
        Assert.Equal((actor, "Olga"), (trail[1].ActorId!.Value, trail[1].ActorName));
        Assert.Contains("absorbedId", trail[1].Details, StringComparison.Ordinal);
        Assert.Single(await Ledger.ReadAuditAsync(tenant, customer, 1));
    }
}
