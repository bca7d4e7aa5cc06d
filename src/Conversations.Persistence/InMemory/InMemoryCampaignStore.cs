using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Persistence.Campaigns;
using Conversations.Persistence.Outbox;

namespace Conversations.Persistence.InMemory;

/// <summary>
/// The embedded mode's <see cref="ICampaignStore"/>: campaigns and recipients in dictionaries under one lock, planned
/// from the in-memory directory. The audience's <c>subscribedOnly</c> is not applied here (opt-outs still are, when
/// each message is sent), and <c>replied</c> is not counted.
/// </summary>
public sealed class InMemoryCampaignStore(InMemoryReadModels directory, IOutboxStore outbox) : ICampaignStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(Guid Tenant, Guid Id), Campaign> _campaigns = [];
    private readonly Dictionary<(Guid Tenant, Guid Id), Guid?> _cursors = [];
    private readonly Dictionary<(Guid Tenant, Guid Campaign, Guid Customer), Row> _recipients = [];

    private sealed record Row(CampaignRecipientStatus Status, DateTimeOffset DueAt, int Attempts, ChannelKind? Channel, string? Rule, string? Detail,
        Guid? MessageId, DateTimeOffset? SentAt);

    /// <inheritdoc />
    public Task AddAsync(Campaign campaign, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _campaigns[(campaign.TenantId, campaign.Id)] = campaign;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<Campaign?> FindAsync(Guid tenantId, Guid id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_campaigns.GetValueOrDefault((tenantId, id)));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Campaign>> ListAsync(Guid tenantId, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Campaign>>([.. _campaigns.Values.Where(c => c.TenantId == tenantId).OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id).Take(limit)]);
        }
    }

    /// <inheritdoc />
    public Task<(Campaign? Campaign, bool Changed)> ChangeStatusAsync(Guid tenantId, Guid id, IReadOnlyCollection<CampaignStatus> from, CampaignStatus to,
        DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_campaigns.TryGetValue((tenantId, id), out var campaign))
            {
                return Task.FromResult<(Campaign?, bool)>((null, false));
            }

            if (!from.Contains(campaign.Status))
            {
                return Task.FromResult<(Campaign?, bool)>((campaign, false));
            }

            var unstarted = to == CampaignStatus.Running && campaign.Planned == 0 && !campaign.PlanDone && !_cursors.ContainsKey((tenantId, id));
            campaign = campaign with { Status = unstarted ? CampaignStatus.Scheduled : to, UpdatedAt = now, FinishedAt = to is CampaignStatus.Cancelled or CampaignStatus.Finished ? now : campaign.FinishedAt };
            _campaigns[(tenantId, id)] = campaign;
            if (to == CampaignStatus.Cancelled)
            {
                foreach (var (key, row) in _recipients.Where(r => r.Key.Tenant == tenantId && r.Key.Campaign == id).ToList())
                {
                    if (row.Status == CampaignRecipientStatus.Waiting || (row.Status == CampaignRecipientStatus.Sending && row.DueAt <= now))
                    {
                        _recipients[key] = row with { Status = CampaignRecipientStatus.Cancelled };
                    }
                }
            }

            return Task.FromResult<(Campaign?, bool)>((campaign, true));
        }
    }

    /// <inheritdoc />
    public Task<(Campaign Campaign, int Planned, bool Started)?> PlanNextAsync(DateTimeOffset now, int batch, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var campaign = _campaigns.Values.Where(c => c.Status is CampaignStatus.Scheduled or CampaignStatus.Running && !c.PlanDone && c.StartAt <= now)
                .OrderBy(c => c.StartAt).FirstOrDefault();
            if (campaign is null)
            {
                return Task.FromResult<(Campaign, int, bool)?>(null);
            }

            var a = campaign.Audience;
            var cursor = _cursors.GetValueOrDefault((campaign.TenantId, campaign.Id));
            var conversations = (a.ActiveSince is null && a.InactiveSince is null ? [] : directory.Conversations())
                .Where(c => c.TenantId == campaign.TenantId).ToLookup(c => c.CustomerId);
            var page = directory.Customers(campaign.TenantId)
                .Where(c => cursor is null || c.CustomerId.CompareTo(cursor.Value) > 0)
                .Where(c => a.Tags.All(t => c.Tags?.Contains(t, StringComparer.Ordinal) ?? false))
                .Where(c => a.Channels.Count == 0 || c.Channels.Any(a.Channels.Contains))
                .Where(c => a.Attributes.All(kv => c.Attributes is { } attributes && attributes.TryGetValue(kv.Key, out var v) && v == kv.Value))
                .Where(c => a.Consent is null || (c.Consents?.Contains(a.Consent, StringComparer.Ordinal) ?? false))
                .Where(c => a.ActiveSince is not { } active || conversations[c.CustomerId].Any(x => x.LastActivityAt >= active))
                .Where(c => a.InactiveSince is not { } inactive || !conversations[c.CustomerId].Any(x => x.LastActivityAt >= inactive))
                .OrderBy(c => c.CustomerId).Take(batch).ToList();
            var added = 0;
            foreach (var customer in page)
            {
                if (_recipients.TryAdd((campaign.TenantId, campaign.Id, customer.CustomerId), new Row(CampaignRecipientStatus.Waiting, now, 0, null, null, null, null, null)))
                {
                    added++;
                }
            }

            if (page.Count > 0)
            {
                _cursors[(campaign.TenantId, campaign.Id)] = page[^1].CustomerId;
            }

            var started = campaign.Status == CampaignStatus.Scheduled;
            campaign = campaign with
            {
                Planned = campaign.Planned + added, PlanDone = page.Count < batch, Status = CampaignStatus.Running, UpdatedAt = started ? now : campaign.UpdatedAt,
            };
            _campaigns[(campaign.TenantId, campaign.Id)] = campaign;
            return Task.FromResult<(Campaign, int, bool)?>((campaign, added, started));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Campaign>> RunningAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Campaign>>([.. _campaigns.Values.Where(c => c.Status == CampaignStatus.Running).OrderBy(c => c.StartAt)]);
        }
    }

    /// <inheritdoc />
    public Task<int> OpenOutboxAsync(Guid tenantId, CancellationToken cancellationToken = default) => Task.FromResult(0);

    /// <inheritdoc />
    public Task<IReadOnlyList<CampaignClaim>> ClaimAsync(Guid tenantId, Guid campaignId, DateTimeOffset now, TimeSpan lease, int limit,
        CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var due = _recipients.Where(r => r.Key.Tenant == tenantId && r.Key.Campaign == campaignId
                    && r.Value.Status is CampaignRecipientStatus.Waiting or CampaignRecipientStatus.Sending && r.Value.DueAt <= now)
                .OrderBy(r => r.Value.DueAt).Take(limit).ToList();
            var claims = new List<CampaignClaim>();
            foreach (var (key, row) in due)
            {
                var claimed = row with { Status = CampaignRecipientStatus.Sending, DueAt = now + lease, Attempts = row.Attempts + 1 };
                _recipients[key] = claimed;
                claims.Add(new CampaignClaim(tenantId, campaignId, key.Customer, claimed.DueAt, claimed.Attempts));
            }

            return Task.FromResult<IReadOnlyList<CampaignClaim>>(claims);
        }
    }

    /// <inheritdoc />
    public Task<bool> CompleteAsync(CampaignClaim claim, CampaignRecipientStatus status, ChannelKind? channel, string? rule, string? detail,
        Guid? messageId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var key = (claim.TenantId, claim.CampaignId, claim.CustomerId);
            if (!_recipients.TryGetValue(key, out var row) || row.Status != CampaignRecipientStatus.Sending || row.DueAt != claim.DueAt)
            {
                return Task.FromResult(false);
            }

            _recipients[key] = row with { Status = status, Channel = channel, Rule = rule, Detail = detail, MessageId = messageId, SentAt = messageId is null ? null : now };
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<bool> FinishIfDoneAsync(Guid tenantId, Guid id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_campaigns.TryGetValue((tenantId, id), out var campaign) || campaign.Status != CampaignStatus.Running || !campaign.PlanDone
                || _recipients.Any(r => r.Key.Tenant == tenantId && r.Key.Campaign == id && r.Value.Status is CampaignRecipientStatus.Waiting or CampaignRecipientStatus.Sending))
            {
                return Task.FromResult(false);
            }

            _campaigns[(tenantId, id)] = campaign with { Status = CampaignStatus.Finished, UpdatedAt = now, FinishedAt = now };
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public async Task<CampaignCounts> CountAsync(Guid tenantId, Guid id, CancellationToken cancellationToken = default)
    {
        var all = await RecipientsAsync(tenantId, id, null, null, int.MaxValue, cancellationToken);
        int Of(CampaignRecipientStatus s) => all.Count(r => r.Status == s);
        var sent = all.Where(r => r.Status == CampaignRecipientStatus.Sent).ToList();
        return new CampaignCounts(all.Count, Of(CampaignRecipientStatus.Waiting) + Of(CampaignRecipientStatus.Sending), sent.Count,
            sent.Count(r => r.Delivery is DeliveryStatus.Delivered or DeliveryStatus.Read), sent.Count(r => r.Delivery is DeliveryStatus.Read),
            Of(CampaignRecipientStatus.Failed) + sent.Count(r => r.Delivery is DeliveryStatus.Failed or DeliveryStatus.Blocked),
            Of(CampaignRecipientStatus.Refused), Of(CampaignRecipientStatus.OptedOut), 0, Of(CampaignRecipientStatus.Cancelled));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CampaignRecipient>> RecipientsAsync(Guid tenantId, Guid id, CampaignRecipientStatus? status, Guid? after, int limit,
        CancellationToken cancellationToken = default)
    {
        List<(Guid Customer, Row Row)> rows;
        lock (_gate)
        {
            rows = [.. _recipients.Where(r => r.Key.Tenant == tenantId && r.Key.Campaign == id && (status is null || r.Value.Status == status)
                    && (after is null || r.Key.Customer.CompareTo(after.Value) > 0))
                .OrderBy(r => r.Key.Customer).Take(limit).Select(r => (r.Key.Customer, r.Value))];
        }

        var found = new List<CampaignRecipient>(rows.Count);
        foreach (var (customer, row) in rows)
        {
            var delivery = row.MessageId is { } message ? (await outbox.FindMessageAsync(tenantId, message, cancellationToken))?.Delivery.Status : null;
            found.Add(new CampaignRecipient(customer, row.Status, row.Channel, row.Rule, row.Detail, row.MessageId, delivery, row.SentAt, false));
        }

        return found;
    }
}
