using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Persistence.Customers;
using Conversations.Persistence.Queries;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Grains.Tests;

/// <summary>Operators merge two customers into one and split identities back out; messages arriving meanwhile land once.</summary>
public sealed class CustomerMergeTests(EmbeddedClusterFixture fixture) : IClassFixture<EmbeddedClusterFixture>
{
    private static readonly CustomerActor Operator = new(Guid.NewGuid(), "Olga");
    private static long _users = 990_000;
    private readonly IClusterClient _grains = fixture.Client;

    private IServiceProvider Silo => fixture.Cluster.Silos[0].ServiceProvider;

    [Fact]
    public async Task Messages_on_both_identities_while_merging_land_in_the_survivor_once_in_order_without_gaps()
    {
        var tenant = Guid.NewGuid();
        var (survivorUser, absorbedUser) = (NextUser(), NextUser());
        var survivor = (await _grains.SendAsync(Inbound.Text(tenant, survivorUser, "Здравствуйте, я Анна"))).CustomerId;
        var absorbed = (await _grains.SendAsync(Inbound.Text(tenant, absorbedUser, "Это снова Анна, с другого аккаунта"))).CustomerId;
        Assert.NotEqual(survivor, absorbed);

        // Both identities keep writing, one message after another, from before the merge starts until five messages
        // after it is done; each message is also redelivered once (a channel's retry) and must not be stored twice.
        var mergeMayStart = new[] { new TaskCompletionSource(), new TaskCompletionSource() };
        var merge = Task.WhenAll(mergeMayStart.Select(s => s.Task))
            .ContinueWith(_ => _grains.GetGrain<ICustomerMergeGrain>(tenant).MergeAsync(survivor, absorbed, Operator), TaskScheduler.Default).Unwrap();
        var writers = new[] { survivorUser, absorbedUser }.Select((user, n) => WriteUntilAsync(tenant, user, merge, mergeMayStart[n])).ToList();
        var sent = await Task.WhenAll(writers);
        var result = await merge;

        Assert.Empty(result.Conflicts); // one channel name, no attributes: nothing to disagree on
        Assert.Equal([Identity(tenant, absorbedUser)], result.MovedIdentities);
        var messages = sent.SelectMany(w => w).ToList();
        Assert.All(messages, m => Assert.Equal(InboundOutcome.Stored, m.First.Outcome));
        Assert.All(messages, m => Assert.Equal(InboundOutcome.Duplicate, m.Redelivered.Outcome));
        Assert.All(messages, m => Assert.Equal((m.First.ConversationId, m.First.Seq), (m.Redelivered.ConversationId, m.Redelivered.Seq)));
        Assert.Contains(sent[1], m => m.First.CustomerId == absorbed); // the absorbed identity wrote before the merge...
        Assert.Equal(survivor, sent[1][^1].First.CustomerId); // ...and after it, into the survivor

        // The survivor's history: every conversation is the survivor's; each message is there once; sequence
        // numbers run 1..n without a gap; each identity's messages keep the order they were written in.
        var conversations = await Silo.GetRequiredService<IReadModels>().ListCustomerConversationsAsync(tenant, survivor, 100);
        Assert.Equal(messages.Select(m => m.First.ConversationId).Distinct().Order(), conversations.Select(c => c.ConversationId).Order());
        var stored = new List<(Guid Conversation, ChatMessage Message)>();
        foreach (var conversation in conversations)
        {
            var grain = _grains.GetGrain<IConversationGrain>(new ConversationKey(tenant, conversation.ConversationId).ToGrainKey());
            Assert.Equal(survivor, (await grain.GetViewAsync())!.CustomerId);
            var history = await grain.GetHistoryAsync(new HistoryQuery(0, 500));
            Assert.Equal(Enumerable.Range(1, history.Count).Select(i => (long)i), history.Select(m => m.Seq));
            stored.AddRange(history.Where(m => m.Direction == MessageDirection.Customer).Select(m => (conversation.ConversationId, m)));
        }

        var texts = stored.Select(s => ((TextContent)s.Message.Content).Text).ToList();
        Assert.Equal(texts.Count, texts.Distinct().Count());
        Assert.Equal(messages.Select(m => m.Text).Order().Concat(["Здравствуйте, я Анна", "Это снова Анна, с другого аккаунта"]).Order(), texts.Order());
        foreach (var writer in sent)
        {
            var positions = writer.Select(m => (m.First.ConversationId, m.First.Seq)).ToList();
            Assert.All(writer, m => Assert.Contains(stored, s => s.Conversation == m.First.ConversationId && s.Message.Seq == m.First.Seq
                && ((TextContent)s.Message.Content).Text == m.Text));
            Assert.All(positions.GroupBy(p => p.ConversationId), g => Assert.Equal(g.Select(p => p.Seq).Order(), g.Select(p => p.Seq)));
        }

        // The absorbed id answers the survivor; the merge is in both customers' audit trails.
        Assert.Equal(survivor, (await Customer(tenant, absorbed).GetProfileAsync())!.CustomerId);
        var audit = Silo.GetRequiredService<ICustomerLedger>();
        Assert.Equal("merged", Assert.Single(await audit.ReadAuditAsync(tenant, survivor, 10)).Action);
        var absorbedAudit = Assert.Single(await audit.ReadAuditAsync(tenant, absorbed, 10));
        Assert.Equal(("absorbed", Operator.OperatorId, "Olga"), (absorbedAudit.Action, absorbedAudit.ActorId, absorbedAudit.ActorName));
    }

    [Fact]
    public async Task Unmerge_splits_an_identity_out_with_its_conversation_and_its_next_messages_follow_it()
    {
        var tenant = Guid.NewGuid();
        var (survivorUser, absorbedUser) = (NextUser(), NextUser());
        var first = await _grains.SendAsync(Inbound.Text(tenant, survivorUser, "первый"));
        var second = await _grains.SendAsync(Inbound.Text(tenant, absorbedUser, "второй"));
        await _grains.GetGrain<ICustomerMergeGrain>(tenant).MergeAsync(first.CustomerId, second.CustomerId, Operator);

        var result = await _grains.GetGrain<ICustomerMergeGrain>(tenant).UnmergeAsync(first.CustomerId, [Identity(tenant, absorbedUser)], Operator);
        var after = await _grains.SendAsync(Inbound.Text(tenant, absorbedUser, "снова второй"));
        var survivorAfter = await _grains.SendAsync(Inbound.Text(tenant, survivorUser, "снова первый"));

        var splitId = result.SplitOut.CustomerId;
        Assert.NotEqual(first.CustomerId, splitId);
        Assert.Equal([second.ConversationId], result.MovedConversations);
        Assert.Equal([Identity(tenant, survivorUser)], result.Remaining.Identities.Select(i => i.Key));
        Assert.Equal([Identity(tenant, absorbedUser)], result.SplitOut.Identities.Select(i => i.Key));
        Assert.Equal("Anna Petrova", result.SplitOut.DisplayName);
        Assert.Equal((splitId, second.ConversationId), (after.CustomerId, after.ConversationId));
        Assert.Equal((first.CustomerId, first.ConversationId), (survivorAfter.CustomerId, survivorAfter.ConversationId));
        Assert.Equal(splitId, await _grains.GetGrain<IChannelIdentityGrain>(Identity(tenant, absorbedUser).ToGrainKey()).GetCustomerIdAsync());
        var moved = _grains.GetGrain<IConversationGrain>(new ConversationKey(tenant, second.ConversationId).ToGrainKey());
        Assert.Equal(splitId, (await moved.GetViewAsync())!.CustomerId);
        var conversations = await Silo.GetRequiredService<IReadModels>().ListCustomerConversationsAsync(tenant, splitId, 10);
        Assert.Equal([second.ConversationId], conversations.Select(c => c.ConversationId));
        var audit = Silo.GetRequiredService<ICustomerLedger>();
        Assert.Equal(["unmerged", "merged"], (await audit.ReadAuditAsync(tenant, first.CustomerId, 10)).Select(e => e.Action));
        Assert.Equal("split-out", Assert.Single(await audit.ReadAuditAsync(tenant, splitId, 10)).Action);
    }

    [Fact]
    public async Task The_conflict_rule_keeps_the_verified_name_and_the_newer_attribute_and_lists_both()
    {
        var tenant = Guid.NewGuid();
        var chat = await _grains.SendAsync(Inbound.Text(tenant, NextUser(), "hello"));
        await Customer(tenant, chat.CustomerId).ApplyUpdateAsync(new CustomerUpdate([], [], [], new Dictionary<string, string> { ["plan"] = "gold", ["city"] = "Казань" }));
        var externalId = "crm-" + Guid.NewGuid().ToString("N")[..8];
        var crm = await _grains.GetGrain<IExternalCustomerGrain>(ExternalCustomerKey.ToGrainKey(tenant, externalId)).UpsertAsync(new CustomerUpsert(
            externalId, "Анна Петрова (CRM)", ["+79001234567"], [], new Dictionary<string, CustomerAttribute> { ["plan"] = new("silver", CustomerAttributeType.Text) }, []));

        var result = await _grains.GetGrain<ICustomerMergeGrain>(tenant).MergeAsync(chat.CustomerId, crm.Profile.CustomerId, Operator);

        Assert.Equal("Анна Петрова (CRM)", result.Survivor.DisplayName);
        Assert.Equal("silver", result.Survivor.Attributes["plan"]);
        Assert.Equal("Казань", result.Survivor.Attributes["city"]);
        Assert.Equal(externalId, result.Survivor.ExternalId);
        Assert.Contains("+79001234567", result.Survivor.Phones);
        Assert.Equal(
            [new MergeConflict("attributes.plan", "silver", "gold", "newer"), new MergeConflict("name", "Анна Петрова (CRM)", "Anna Petrova", "verified")],
            result.Conflicts.OrderBy(c => c.Field, StringComparer.Ordinal));

        // The CRM's id now names the survivor, and a repeated merge changes nothing.
        Assert.Equal(chat.CustomerId, await _grains.GetGrain<IExternalCustomerGrain>(ExternalCustomerKey.ToGrainKey(tenant, externalId)).GetCustomerIdAsync());
        var again = await _grains.GetGrain<ICustomerMergeGrain>(tenant).MergeAsync(chat.CustomerId, crm.Profile.CustomerId, Operator);
        Assert.Empty(again.Conflicts);
        Assert.Equal(result.Survivor.Identities, again.Survivor.Identities);
    }

    [Fact]
    public async Task Merging_into_a_merged_customer_or_across_tenants_is_refused()
    {
        var tenant = Guid.NewGuid();
        var a = await _grains.SendAsync(Inbound.Text(tenant, NextUser(), "a"));
        var b = await _grains.SendAsync(Inbound.Text(tenant, NextUser(), "b"));
        var c = await _grains.SendAsync(Inbound.Text(tenant, NextUser(), "c"));
        var elsewhere = await _grains.SendAsync(Inbound.Text(Guid.NewGuid(), NextUser(), "d"));
        var merges = _grains.GetGrain<ICustomerMergeGrain>(tenant);
        await merges.MergeAsync(a.CustomerId, b.CustomerId, Operator);

        var intoMerged = await Assert.ThrowsAsync<Abstractions.Common.DomainException>(() => merges.MergeAsync(b.CustomerId, c.CustomerId, Operator));
        var mergedElsewhere = await Assert.ThrowsAsync<Abstractions.Common.DomainException>(() => merges.MergeAsync(c.CustomerId, b.CustomerId, Operator));
        var otherTenant = await Assert.ThrowsAsync<Abstractions.Common.DomainException>(() => merges.MergeAsync(a.CustomerId, elsewhere.CustomerId, Operator));
        var itself = await Assert.ThrowsAsync<Abstractions.Common.DomainException>(() => merges.MergeAsync(a.CustomerId, a.CustomerId, Operator));

        Assert.Equal(Abstractions.Common.DomainErrorCode.Conflict, intoMerged.Code);
        Assert.Equal(Abstractions.Common.DomainErrorCode.Conflict, mergedElsewhere.Code);
        Assert.Equal(Abstractions.Common.DomainErrorCode.NotFound, otherTenant.Code);
        Assert.Equal(Abstractions.Common.DomainErrorCode.Invalid, itself.Code);
        Assert.Null((await _grains.GetGrain<ICustomerGrain>(new CustomerKey(elsewhere.TenantId, elsewhere.CustomerId).ToGrainKey()).GetStandingAsync()).MergedInto);
        Assert.Null((await Customer(tenant, c.CustomerId).GetStandingAsync()).MergedInto);
    }

    private async Task<List<(string Text, InboundResult First, InboundResult Redelivered)>> WriteUntilAsync(Guid tenant, long user, Task merge, TaskCompletionSource mayMerge)
    {
        var results = new List<(string, InboundResult, InboundResult)>();
        var afterMerge = 0;
        for (var n = 0; afterMerge < 5; n++)
        {
            var done = merge.IsCompleted;
            var message = Inbound.Text(tenant, user, $"{user} #{n}");
            var first = await _grains.SendAsync(message);
            var redelivered = await _grains.SendAsync(message);
            results.Add((((TextContent)message.Content).Text, first, redelivered));
            afterMerge += done ? 1 : 0;
            if (n == 4)
            {
                mayMerge.TrySetResult();
            }
        }

        return results;
    }

    private ICustomerGrain Customer(Guid tenant, Guid customerId) => _grains.GetGrain<ICustomerGrain>(new CustomerKey(tenant, customerId).ToGrainKey());

    private static ChannelIdentityKey Identity(Guid tenant, long user) => Inbound.Text(tenant, user, "x").Identity;

    private static long NextUser() => Interlocked.Increment(ref _users);
}
