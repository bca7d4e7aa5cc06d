using Conversations.Channels.Notifications;
using Conversations.Channels.Outbound;
using Conversations.Persistence.EventsOut;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Channels.EventsOut;

/// <summary>
/// Delivers queued webhook events on every silo: claims due deliveries (each the oldest open one of its conversation for
/// its subscription, so a conversation's events arrive in order), POSTs each signed like every business webhook
/// (<see cref="WebhookSignature"/>) through the client under the <see cref="OutboundUrlPolicy"/>, and records the attempt:
/// delivered on 2xx, otherwise tried again after an exponential backoff until <see cref="WebhookOptions.MaxAttempts"/>.
/// It runs apart from message handling: a dead or slow endpoint holds only its own deliveries.
/// </summary>
public sealed partial class WebhookDispatcher(
    IWebhookStore store,
    IHttpClientFactory httpClients,
    TimeProvider time,
    IOptions<WebhookOptions> options,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    /// <summary>Claims and attempts the deliveries due now; returns how many were attempted.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var due = await store.ClaimDueAsync(time.GetUtcNow(), settings.Lease, Math.Max(1, settings.BatchSize), cancellationToken);
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.MaxParallel), CancellationToken = cancellationToken },
            async (delivery, ct) => await AttemptAsync(delivery, ct));
        return due.Count;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await DeliverDueAsync(stoppingToken) < options.Value.BatchSize)
                {
                    await Task.Delay(options.Value.PollInterval, time, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // Claimed deliveries come back when their lease runs out.
                LogRoundFailed(logger, ex);
                await Task.Delay(options.Value.PollInterval, time, stoppingToken);
            }
        }
    }

    private async Task AttemptAsync(DueWebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var clock = time.GetTimestamp();
        int? status = null;
        string? error;
        var giveUp = false;
        using (var request = WebhookSignature.SignedPost(delivery.Url, delivery.Secret, started.ToUnixTimeSeconds(), delivery.Payload, delivery.EventType, delivery.Id))
        {
            try
            {
                using var response = await httpClients.CreateClient(WebhookNotificationSender.HttpClientName).SendAsync(request, cancellationToken);
                status = (int)response.StatusCode;
                error = response.IsSuccessStatusCode ? null : $"HTTP {status}";
            }
            catch (HttpRequestException ex) when (ex.InnerException is OutboundAddressRefusedException refused)
            {
                error = refused.Message; // retrying cannot help until the URL changes
                giveUp = true;
            }
            catch (HttpRequestException ex)
            {
                error = $"network: {ex.HttpRequestError}";
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                error = "the endpoint did not answer in time";
            }
        }

        var latency = (int)Math.Min(int.MaxValue, time.GetElapsedTime(clock).TotalMilliseconds);
        var number = delivery.Attempts + 1;
        var delivered = error is null;
        DateTimeOffset? next = delivered || giveUp || number >= options.Value.MaxAttempts ? null : time.GetUtcNow() + options.Value.BackoffAfter(number);
        if (!delivered)
        {
            LogAttemptFailed(logger, delivery.Id, delivery.TenantId, number, error!, next);
        }

        // Recorded even when the silo is stopping: the call was made, and its outcome must not be made again.
        await store.RecordAttemptAsync(delivery.Id, new WebhookAttempt(number, started, status, latency, error), delivered, next, CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} of tenant {TenantId} failed at attempt {Attempt} ({Error}); next attempt {NextAttemptAt}")]
    private static partial void LogAttemptFailed(ILogger logger, Guid deliveryId, Guid tenantId, int attempt, string error, DateTimeOffset? nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "A round of webhook deliveries failed; claimed deliveries come back after their lease")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
