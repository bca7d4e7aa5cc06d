using System.Text.Json;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Persistence.Conversations;
using Conversations.Persistence.Customers;
using Conversations.Persistence.Queries;
using Microsoft.Extensions.Logging;

namespace Conversations.Grains.Customers;

/// <inheritdoc cref="ICustomerMergeGrain" />
/// <remarks>
/// Holds no state: each step is repeatable, so a merge cut short by a crash is completed by asking for it again.
/// Calls go from here down to customers, conversations, contact owners and identities, and none of them ever calls
/// here, so a merge cannot deadlock with the messages arriving meanwhile. Calls to identities are one-way: an
/// identity may be waiting on the customer that waits on this merge.
/// </remarks>
internal sealed partial class CustomerMergeGrain(
    IReadModels directory,
    ICustomerLedger ledger,
    IIdGenerator ids,
    TimeProvider time,
    ILogger<CustomerMergeGrain> logger) : Grain, ICustomerMergeGrain
{
    /// <summary>Most conversations one merge or unmerge moves (a customer with more keeps the older ones where they were).</summary>
    internal const int MaxConversations = 10_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private Guid TenantId => this.GetPrimaryKey();

    /// <inheritdoc />
    public async Task<CustomerMergeResult> MergeAsync(Guid survivorId, Guid absorbedId, CustomerActor actor)
    {
        if (survivorId == absorbedId)
        {
            throw DomainException.Invalid("absorbedId: a customer cannot be merged into itself.");
        }

        var survivor = Customer(survivorId);
        var standing = await survivor.GetStandingAsync();
        if (!standing.Exists)
        {
            throw DomainException.NotFound($"There is no customer {survivorId}.");
        }

        if (standing.MergedInto is { } into)
        {
            throw DomainException.Conflict($"Customer {survivorId} was merged into {into}: merge into that one.");
        }

        var absorbed = await Customer(absorbedId).AbsorbIntoAsync(survivorId);
        var conflicts = await survivor.AdoptAbsorbedAsync(absorbedId, absorbed);
        var facts = absorbed.Profile.Identities.SelectMany(i => i.Verified?.OwnerKeys(TenantId) ?? [])
            .Concat(absorbed.Profile.ExternalId is { } externalId ? [ContactOwnerKey.ExternalId(TenantId, externalId)] : [])
            .Distinct(StringComparer.Ordinal);
        foreach (var fact in facts)
        {
            await GrainFactory.GetGrain<IContactOwnerGrain>(fact).TransferAsync(absorbedId, survivorId);
        }

        var conversations = (await directory.ListCustomerConversationsAsync(TenantId, absorbedId, MaxConversations)).Select(c => c.ConversationId)
            .Concat(new[] { absorbed.Profile.CurrentConversationId, absorbed.LastConversationId }.OfType<Guid>())
            .Distinct().ToList();
        await MoveAsync(conversations, survivorId);
        var identities = absorbed.Profile.Identities.Select(i => i.Key).ToList();
        foreach (var identity in identities)
        {
            await GrainFactory.GetGrain<IChannelIdentityGrain>(identity.ToGrainKey()).MoveToCustomerAsync(absorbedId, survivorId);
        }

        var now = time.GetUtcNow();
        var moved = new { identities = identities.Select(Describe), conversations };
        await ledger.AppendAuditAsync([
            Audit(survivorId, now, actor, "merged", new { absorbedId, moved.identities, moved.conversations, conflicts }),
            Audit(absorbedId, now, actor, "absorbed", new { survivorId, moved.identities, moved.conversations }),
        ]);
        LogMerged(logger, TenantId, absorbedId, survivorId, identities.Count, conversations.Count, conflicts.Count);
        var profile = await survivor.GetProfileAsync() ?? throw DomainException.NotFound($"There is no customer {survivorId}.");
        return new CustomerMergeResult(profile, absorbedId, identities, conversations, conflicts);
    }

    /// <inheritdoc />
    public async Task<CustomerUnmergeResult> UnmergeAsync(Guid customerId, IReadOnlyList<ChannelIdentityKey> identities, CustomerActor actor)
    {
        var standing = await Customer(customerId).GetStandingAsync();
        if (!standing.Exists)
        {
            throw DomainException.NotFound($"There is no customer {customerId}.");
        }

        // The id of a merged customer names its survivor, here too.
        customerId = standing.MergedInto ?? customerId;
        var customer = Customer(customerId);
        var profile = await customer.GetProfileAsync() ?? throw DomainException.NotFound($"There is no customer {customerId}.");
        for (var i = 0; i < identities.Count; i++)
        {
            if (!profile.Identities.Any(mine => mine.Key == identities[i]))
            {
                throw DomainException.Invalid($"identities[{i}]: {Describe(identities[i])} is not an identity of customer {customerId}.");
            }
        }

        // A conversation goes with the identity the customer last wrote from in it.
        var addresses = profile.Identities.Where(i => identities.Contains(i.Key)).Select(i => i.ReplyTo).ToHashSet();
        var moving = (await directory.ListCustomerConversationsAsync(TenantId, customerId, MaxConversations))
            .Where(c => ConversationDetails.FromJson(c.StateJson).ReplyTo is { } replyTo && addresses.Contains(replyTo)).ToList();
        var conversations = moving.Select(c => c.ConversationId).ToList();
        var splitId = ids.NewId();
        var split = await customer.SplitOutAsync(identities, splitId, conversations);

        // The newest open conversation that moves is where the new customer's next message goes (listed newest first).
        split = split with { CurrentConversationId = split.CurrentConversationId ?? moving.FirstOrDefault(c => c.Status != ConversationStatus.Closed)?.ConversationId };
        var splitOut = await Customer(splitId).AdoptSplitAsync(split);
        var remaining = await customer.GetProfileAsync() ?? throw DomainException.NotFound($"There is no customer {customerId}.");
        var kept = remaining.Identities.SelectMany(i => i.Verified?.OwnerKeys(TenantId) ?? []).ToHashSet(StringComparer.Ordinal);
        foreach (var fact in split.Identities.SelectMany(i => i.Verified?.OwnerKeys(TenantId) ?? []).Where(f => !kept.Contains(f)).Distinct(StringComparer.Ordinal))
        {
            await GrainFactory.GetGrain<IContactOwnerGrain>(fact).TransferAsync(customerId, splitId);
        }

        await MoveAsync(conversations, splitId);
        foreach (var identity in identities)
        {
            await GrainFactory.GetGrain<IChannelIdentityGrain>(identity.ToGrainKey()).MoveToCustomerAsync(customerId, splitId);
        }

        var now = time.GetUtcNow();
        var described = identities.Select(Describe).ToList();
        await ledger.AppendAuditAsync([
            Audit(customerId, now, actor, "unmerged", new { splitOutId = splitId, identities = described, conversations }),
            Audit(splitId, now, actor, "split-out", new { fromId = customerId, identities = described, conversations }),
        ]);
        LogUnmerged(logger, TenantId, customerId, splitId, identities.Count, conversations.Count);
        return new CustomerUnmergeResult(remaining, splitOut, conversations);
    }

    private async Task MoveAsync(IReadOnlyList<Guid> conversations, Guid customerId)
    {
        foreach (var conversation in conversations)
        {
            await GrainFactory.GetGrain<IConversationGrain>(new ConversationKey(TenantId, conversation).ToGrainKey()).MoveToCustomerAsync(customerId);
        }
    }

    private CustomerAuditEntry Audit(Guid customerId, DateTimeOffset at, CustomerActor actor, string action, object details) =>
        new(TenantId, customerId, at, actor.OperatorId, actor.Name, action, JsonSerializer.Serialize(details, Json));

    private ICustomerGrain Customer(Guid customerId) => GrainFactory.GetGrain<ICustomerGrain>(new CustomerKey(TenantId, customerId).ToGrainKey());

    /// <summary>An identity as the audit trail and problems name it: <c>Telegram 777/12345</c>.</summary>
    private static string Describe(ChannelIdentityKey identity) => $"{identity.Kind} {identity.Account}/{identity.ExternalUserId}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId}: customer {AbsorbedId} merged into {SurvivorId} ({Identities} identities, {Conversations} conversations, {Conflicts} conflicts)")]
    private static partial void LogMerged(ILogger logger, Guid tenantId, Guid absorbedId, Guid survivorId, int identities, int conversations, int conflicts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId}: {Identities} identities and {Conversations} conversations of customer {CustomerId} split out to {SplitId}")]
    private static partial void LogUnmerged(ILogger logger, Guid tenantId, Guid customerId, Guid splitId, int identities, int conversations);
}
