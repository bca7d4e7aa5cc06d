using System.Diagnostics;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Customers;
using Conversations.Channels.Accounts;
using Conversations.Channels.Meta.WhatsApp.Inbound;
using Conversations.Channels.Meta.WhatsApp.Json;
using Microsoft.Extensions.Logging;

namespace Conversations.Channels.Meta.WhatsApp;

/// <summary>
/// Hands a whole WhatsApp webhook batch to the grains and returns once every item is durable: every entry, every
/// change, every message and status, routed to its tenant by the receiving <c>phone_number_id</c>. An item for a
/// number that is not connected through this app is dropped (another app cannot write into a tenant's conversations).
/// Throws when an item could not be made durable, so the webhook answers 5xx and Meta redelivers the batch; the items
/// already stored are then recognised by their dedup key and stored once.
/// </summary>
public sealed partial class WhatsAppWebhookProcessor(
    WhatsAppUpdateMapper mapper,
    ChannelAccountCache accounts,
    IGrainFactory grains,
    ILogger<WhatsAppWebhookProcessor> logger)
{
    /// <summary>Activity source of inbound traces.</summary>
    public static readonly ActivitySource Source = new("Conversations.Channels.Meta.WhatsApp");

    /// <summary>Processes <paramref name="notification"/>, received through <paramref name="app"/>; returns what each item meant.</summary>
    internal async Task<IReadOnlyList<WhatsAppInbound>> ProcessAsync(MetaApp app, WaNotification notification, CancellationToken cancellationToken)
    {
        using var activity = Source.StartActivity("whatsapp webhook", ActivityKind.Consumer);
        var done = new List<WhatsAppInbound>();
        foreach (var entry in notification.Entry ?? [])
        {
            foreach (var change in entry.Changes ?? [])
            {
                if (change is not { Field: "messages", Value: { Metadata.PhoneNumberId: { Length: > 0 } phoneNumberId } value })
                {
                    done.Add(new WhatsAppIgnored($"change of field {change.Field ?? "(none)"} without a receiving number"));
                    continue;
                }

                var account = await accounts.GetAsync(new ChannelAccountKey(ChannelKind.WhatsApp, phoneNumberId));
                if (account is not { Enabled: true } || !WhatsAppSettings.AppIdOf(account).Equals(app.AppId, StringComparison.Ordinal))
                {
                    LogUnknownNumber(logger, phoneNumberId, app.AppId);
                    done.Add(new WhatsAppIgnored($"number {phoneNumberId} is not connected through app {app.AppId}"));
                    continue;
                }

                foreach (var item in mapper.Map(value, account))
                {
                    await ApplyAsync(item, cancellationToken);
                    done.Add(item);
                }
            }
        }

        return done;
    }

    private async Task ApplyAsync(WhatsAppInbound item, CancellationToken cancellationToken)
    {
        switch (item)
        {
            case WhatsAppInboundMessage message:
                var result = await GrainCalls.RetryAsync(
                    () => grains.GetGrain<IChannelIdentityGrain>(message.Message.Identity.ToGrainKey()).ReceiveAsync(message.Message),
                    cancellationToken: cancellationToken);
                InboundMetrics.Record("whatsapp", result.Outcome);
                break;
            case WhatsAppStatusUpdate status:
                LogStatus(logger, status.ChannelMessageId, status.Status, status.ErrorCodes);
                break;
            case WhatsAppIgnored ignored:
                LogIgnored(logger, ignored.Reason);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "WhatsApp webhook for number {PhoneNumberId} through app {AppId}, which is not connected through that app: dropped")]
    private static partial void LogUnknownNumber(ILogger logger, string phoneNumberId, string appId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "WhatsApp status of {ChannelMessageId}: {Status} (errors {Codes})")]
    private static partial void LogStatus(ILogger logger, string channelMessageId, string status, IReadOnlyList<int> codes);

    [LoggerMessage(Level = LogLevel.Debug, Message = "WhatsApp webhook item ignored: {Reason}")]
    private static partial void LogIgnored(ILogger logger, string reason);
}
