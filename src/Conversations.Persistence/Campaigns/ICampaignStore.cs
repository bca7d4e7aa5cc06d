namespace Conversations.Persistence.Campaigns;

/// <summary>
/// Campaigns and their recipients. Planning reads the customer directory in keyset batches into a durable recipients
/// table; sending claims recipients with a lease (<c>FOR UPDATE SKIP LOCKED</c>: two silos never take the same one), so
/// memory stays flat whatever the audience and a silo that dies leaves its claims to another when the lease ends.
/// </summary>
public interface ICampaignStore
{
    /// <summary>Stores a new campaign.</summary>
    Task AddAsync(Campaign campaign, CancellationToken cancellationToken = default);

    /// <summary>The tenant's campaign, or null.</summary>
    Task<Campaign?> FindAsync(Guid tenantId, Guid id, CancellationToken cancellationToken = default);

    /// <summary>The tenant's campaigns, newest first.</summary>
    Task<IReadOnlyList<Campaign>> ListAsync(Guid tenantId, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves the campaign from one of <paramref name="from"/> to <paramref name="to"/>; cancelling also cancels every
    /// recipient still waiting. Answers the campaign as it is now (null when the tenant has none) and whether it moved.
    /// </summary>
    Task<(Campaign? Campaign, bool Changed)> ChangeStatusAsync(Guid tenantId, Guid id, IReadOnlyCollection<CampaignStatus> from, CampaignStatus to,
        DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Plans the next batch of one live campaign whose start time has come (at most <paramref name="batch"/> customers
    /// after its cursor, in customer id order): a scheduled one starts running. Answers the campaign, how many it planned
    /// and whether it started; null when no campaign needs planning (or another silo holds it).
    /// </summary>
    Task<(Campaign Campaign, int Planned, bool Started)?> PlanNextAsync(DateTimeOffset now, int batch, CancellationToken cancellationToken = default);

    /// <summary>Running campaigns (every tenant's).</summary>
    Task<IReadOnlyList<Campaign>> RunningAsync(CancellationToken cancellationToken = default);

    /// <summary>How many of the tenant's outbound messages wait in the outbox (pending or sending).</summary>
    Task<int> OpenOutboxAsync(Guid tenantId, CancellationToken cancellationToken = default);

    /// <summary>Claims up to <paramref name="limit"/> due recipients of a running campaign, each until <c>now + lease</c>.</summary>
    Task<IReadOnlyList<CampaignClaim>> ClaimAsync(Guid tenantId, Guid campaignId, DateTimeOffset now, TimeSpan lease, int limit,
        CancellationToken cancellationToken = default);

    /// <summary>Records a claim's outcome while the claim is still the caller's; false when its lease was lost meanwhile.</summary>
    Task<bool> CompleteAsync(CampaignClaim claim, CampaignRecipientStatus status, Abstractions.Channels.ChannelKind? channel, string? rule, string? detail,
        Guid? messageId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Finishes a running campaign that is fully planned and has no recipient left waiting; true when it finished now.</summary>
    Task<bool> FinishIfDoneAsync(Guid tenantId, Guid id, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The campaign's progress.</summary>
    Task<CampaignCounts> CountAsync(Guid tenantId, Guid id, CancellationToken cancellationToken = default);

    /// <summary>A page of recipients in customer id order after <paramref name="after"/>, optionally of one status.</summary>
    Task<IReadOnlyList<CampaignRecipient>> RecipientsAsync(Guid tenantId, Guid id, CampaignRecipientStatus? status, Guid? after, int limit,
        CancellationToken cancellationToken = default);
}
