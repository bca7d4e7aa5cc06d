using Conversations.Abstractions.Common;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Outbound;
using Conversations.Grains.Tenants;
using Conversations.Persistence.Campaigns;
using Conversations.Persistence.Conversations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Grains.Campaigns;

/// <summary>
/// Plans and sends campaigns on every silo. Planning reads the customer directory one keyset batch at a time into
/// <c>campaign_recipients</c> (one campaign row locked per batch, so silos plan different campaigns or wait); sending
/// claims due recipients of running campaigns with a lease and sends each through the ordinary outbound path
/// (<see cref="ICustomerGrain.SendBusinessMessageAsync"/>: channel rules, opt-outs, the unsubscribe way out, the outbox
/// and its pacing per account) with an idempotency key derived from the campaign and the customer, so a recipient
/// claimed again after a silo died mid-send gets one message. Recipients are claimed only while the tenant's outbox
/// backlog is below <see cref="CampaignOptions.MaxOpenOutbox"/>: the outbox sets the pace, and nothing here holds more
/// than one batch in memory.
/// </summary>
public sealed partial class CampaignDispatcher(
    ICampaignStore store,
    IGrainFactory grains,
    TenantSettingsCache tenantSettings,
    IOptions<CampaignOptions> options,
    TimeProvider time,
    ILogger<CampaignDispatcher> logger) : BackgroundService
{
    /// <summary>The idempotency key of one recipient's message.</summary>
    public static string SendKey(Guid campaignId, Guid customerId) => $"campaign:{campaignId:N}:{customerId:N}";

    /// <summary>Raised (off any request path) when a campaign starts, finishes, or a poll settles recipients.</summary>
    public event Action<Campaign, string>? Changed;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.PollInterval, time, stoppingToken);
                // A poll that found a full batch goes again at once: the outbox's backlog bound is what slows it.
                while (await RunOnceAsync(stoppingToken) >= options.Value.BatchSize)
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogPollFailed(logger, ex);
            }
        }
    }

    /// <summary>One poll: plans a batch of each campaign that needs it, claims and sends; returns how many recipients it settled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        // A few batches per poll: planning keeps ahead of sending (which the outbox paces) without one poll planning a million.
        for (var i = 0; i < 4 && await store.PlanNextAsync(now, o.PlanBatch, cancellationToken) is { } planned; i++)
        {
            if (planned.Started)
            {
                Changed?.Invoke(planned.Campaign, "started");
            }
        }

        var settled = 0;
        foreach (var campaign in await store.RunningAsync(cancellationToken))
        {
            var room = Math.Min(o.BatchSize, o.MaxOpenOutbox - await store.OpenOutboxAsync(campaign.TenantId, cancellationToken));
            if (room > 0)
            {
                var claims = await store.ClaimAsync(campaign.TenantId, campaign.Id, now, o.Lease, room, cancellationToken);
                await Parallel.ForEachAsync(claims, new ParallelOptions { MaxDegreeOfParallelism = o.MaxParallel, CancellationToken = cancellationToken },
                    async (claim, ct) =>
                    {
                        if (await SendAsync(campaign, claim, o.MaxAttempts, ct))
                        {
                            Interlocked.Increment(ref settled);
                        }
                    });
            }

            if (await store.FinishIfDoneAsync(campaign.TenantId, campaign.Id, time.GetUtcNow(), cancellationToken))
            {
                Changed?.Invoke(campaign, "finished");
            }
        }

        return settled;
    }

    private async Task<bool> SendAsync(Campaign campaign, CampaignClaim claim, int maxAttempts, CancellationToken cancellationToken)
    {
        try
        {
            var settings = await tenantSettings.GetAsync(campaign.TenantId);
            var topic = campaign.Topic is { } key
                ? settings.Topic(key) ?? throw DomainException.Rule(OutboundRuleNames.TopicUnknown, $"{OutboundRuleNames.TopicUnknown}: the tenant no longer has the topic '{key}'.")
                : null;
            var customer = grains.GetGrain<ICustomerGrain>(new CustomerKey(campaign.TenantId, claim.CustomerId).ToGrainKey());
            string? firstRule = null;
            var reasons = new List<string>();
            // Each channel in the campaign's order with its own content: the first whose rule allows the message carries it.
            foreach (var channel in campaign.Channels)
            {
                if (campaign.ContentFor(channel) is not { } json)
                {
                    continue;
                }

                try
                {
                    var result = await customer.SendBusinessMessageAsync(new BusinessMessage(SendKey(campaign.Id, claim.CustomerId), MessageJson.Deserialize(json),
                        [channel], campaign.MessageTag, topic));
                    return await store.CompleteAsync(claim, CampaignRecipientStatus.Sent, result.Channel, result.Rule, null, result.MessageId, time.GetUtcNow(), cancellationToken);
                }
                catch (DomainException ex) when (ex.Code == DomainErrorCode.RuleViolation && ex.RuleName != OutboundRuleNames.TopicUnsubscribed)
                {
                    firstRule ??= ex.RuleName;
                    reasons.Add($"{channel}: {ex.Message}");
                }
            }

            return await store.CompleteAsync(claim, CampaignRecipientStatus.Refused, null, firstRule ?? OutboundRuleNames.NoIdentity,
                reasons.Count == 0 ? "No content for any of the customer's channels." : string.Join(" ", reasons), null, time.GetUtcNow(), cancellationToken);
        }
        catch (DomainException ex) when (ex.RuleName == OutboundRuleNames.TopicUnsubscribed)
        {
            return await store.CompleteAsync(claim, CampaignRecipientStatus.OptedOut, null, ex.RuleName, ex.Message, null, time.GetUtcNow(), cancellationToken);
        }
        catch (DomainException ex)
        {
            return await store.CompleteAsync(claim, CampaignRecipientStatus.Failed, null, ex.RuleName, ex.Message, null, time.GetUtcNow(), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (claim.Attempts >= maxAttempts)
            {
                LogGivenUp(logger, ex, claim.CampaignId, claim.CustomerId, claim.Attempts);
                return await store.CompleteAsync(claim, CampaignRecipientStatus.Failed, null, null, $"Not sent after {claim.Attempts} attempts: {ex.GetType().Name}.",
                    null, time.GetUtcNow(), cancellationToken);
            }

            // Left claimed: when the lease ends, this or another silo claims it again and sends with the same key.
            LogSendFailed(logger, ex, claim.CampaignId, claim.CustomerId, claim.Attempts);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling campaigns failed")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign {CampaignId}: customer {CustomerId} was not sent to on attempt {Attempt}; tried again when its lease ends")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, Guid campaignId, Guid customerId, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Campaign {CampaignId}: customer {CustomerId} failed {Attempt} times and is given up")]
    private static partial void LogGivenUp(ILogger logger, Exception exception, Guid campaignId, Guid customerId, int attempt);
}
