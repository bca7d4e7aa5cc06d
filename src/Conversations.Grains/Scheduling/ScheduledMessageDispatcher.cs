using Conversations.Abstractions.Common;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Outbound;
using Conversations.Grains.Tenants;
using Conversations.Persistence.Conversations;
using Conversations.Persistence.Scheduling;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Grains.Scheduling;

/// <summary>
/// Sends scheduled messages when they fall due. Every silo polls the one due-time index and claims due rows with a
/// lease; each goes through the ordinary outbound path (<see cref="ICustomerGrain.SendBusinessMessageAsync"/>, channel
/// rules and opt-outs judged now) with an idempotency key derived from its id, so a row claimed again after a silo died
/// mid-send stores and sends its message once. The outcome (sent, refused with the rule, failed) is written back.
/// </summary>
public sealed partial class ScheduledMessageDispatcher(
    IScheduledMessageStore store,
    IGrainFactory grains,
    TenantSettingsCache tenantSettings,
    IOptions<ScheduledMessageOptions> options,
    TimeProvider time,
    ILogger<ScheduledMessageDispatcher> logger) : BackgroundService
{
    /// <summary>The idempotency key a scheduled message is sent with.</summary>
    public static string SendKey(Guid id) => "scheduled:" + id.ToString("N");

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.PollInterval, time, stoppingToken);
                await RunOnceAsync(stoppingToken);
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

    /// <summary>One poll: claims what is due now and sends it; returns how many rows it settled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var claimed = await store.ClaimDueAsync(time.GetUtcNow(), o.Lease, o.BatchSize, cancellationToken);
        var settled = 0;
        foreach (var claim in claimed)
        {
            if (await SendAsync(claim, o.MaxAttempts, cancellationToken))
            {
                settled++;
            }
        }

        return settled;
    }

    private async Task<bool> SendAsync(ScheduledMessage claim, int maxAttempts, CancellationToken cancellationToken)
    {
        try
        {
            var settings = await tenantSettings.GetAsync(claim.TenantId);
            var topic = claim.Topic is { } key
                ? settings.Topic(key) ?? throw DomainException.Rule(OutboundRuleNames.TopicUnknown, $"{OutboundRuleNames.TopicUnknown}: the tenant no longer has the topic '{key}'.")
                : null;
            var message = new BusinessMessage(SendKey(claim.Id), MessageJson.Deserialize(claim.ContentJson), claim.Channels, claim.MessageTag, topic);
            var result = await grains.GetGrain<ICustomerGrain>(new CustomerKey(claim.TenantId, claim.CustomerId).ToGrainKey()).SendBusinessMessageAsync(message);
            // A repeat (this row claimed again after a silo died between the send and this line) names the first message.
            return await store.CompleteAsync(claim, ScheduledMessageStatus.Sent, result.Duplicate ? null : result.Rule, null, result.MessageId, cancellationToken);
        }
        catch (DomainException ex) when (ex.Code == DomainErrorCode.RuleViolation)
        {
            return await store.CompleteAsync(claim, ScheduledMessageStatus.Refused, ex.RuleName, ex.Message, null, cancellationToken);
        }
        catch (DomainException ex)
        {
            return await store.CompleteAsync(claim, ScheduledMessageStatus.Failed, null, ex.Message, null, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (claim.Attempts >= maxAttempts)
            {
                LogGivenUp(logger, ex, claim.Id, claim.Attempts);
                return await store.CompleteAsync(claim, ScheduledMessageStatus.Failed, null, $"Not sent after {claim.Attempts} attempts: {ex.GetType().Name}.", null, cancellationToken);
            }

            // Left claimed: when the lease ends, this or another silo claims it again and sends with the same key.
            LogSendFailed(logger, ex, claim.Id, claim.Attempts);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling scheduled messages failed")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled message {Id} was not sent on attempt {Attempt}; it is tried again when its lease ends")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, Guid id, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled message {Id} failed {Attempt} times and is given up")]
    private static partial void LogGivenUp(ILogger logger, Exception exception, Guid id, int attempt);
}
