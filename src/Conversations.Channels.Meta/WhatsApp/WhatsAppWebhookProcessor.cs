using System.Diagnostics;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Persistence.Outbox;
using Conversations.Channels.Accounts;
using Conversations.Channels.Delivery;
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
    IOutboxStore outbox,
    DeliveryPacer pacer,
    TimeProvider time,
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

                var items = mapper.Map(value, account);
                // Meta counts received messages against the number's throughput too: our sends make room for them.
                pacer.CountInbound(ChannelKind.WhatsApp, phoneNumberId, items.Count(i => i is WhatsAppInboundMessage), DeliveryPacer.RateOf(account));
                // One customer's messages (and one message's statuses) in order; different ones side by side, so a
                // batch Meta piled up while we were slow costs about one turn, not one turn per message.
                await Task.WhenAll(items.GroupBy(OrderKey).Select(async chain =>
                {
                    foreach (var item in chain)
                    {
                        await ApplyAsync(item, account, cancellationToken);
                    }
                }));
                done.AddRange(items);
            }
        }

        return done;
    }

    /// <summary>What an item must stay in order with: its customer (a message) or its message (a status).</summary>
    private static string OrderKey(WhatsAppInbound item) => item switch
    {
        WhatsAppInboundMessage message => "customer:" + message.Message.Identity.ToGrainKey(),
        WhatsAppStatusUpdate status => "status:" + status.ChannelMessageId,
        _ => "",
    };

    private async Task ApplyAsync(WhatsAppInbound item, ChannelAccount account, CancellationToken cancellationToken)
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
                await ApplyStatusAsync(status, account, cancellationToken);
                break;
            case WhatsAppIgnored ignored:
                LogIgnored(logger, ignored.Reason);
                break;
        }
    }

    /// <summary>
    /// A status of a message we sent (webhooks/reference/messages/status: sent, delivered, read, failed with
    /// <c>errors[]</c>), found by our id in <c>biz_opaque_callback_data</c>, moves its delivery status forward; a failure
    /// with 131047 (re-engagement: more than 24 hours since the customer last wrote) also closes the conversation's
    /// window, so operators are asked for a template at once. A status without our id (sent before we carried it, or by
    /// another tool on the same number) is only logged.
    /// </summary>
    private async Task ApplyStatusAsync(WhatsAppStatusUpdate status, ChannelAccount account, CancellationToken cancellationToken)
    {
        DeliveryStatus? reported = status.Status switch
        {
            "delivered" => DeliveryStatus.Delivered,
            "read" => DeliveryStatus.Read,
            "failed" => DeliveryStatus.Failed,
            _ => null, // "sent" is what our own send already recorded
        };
        if (reported is not { } delivery || status.OurMessageId is not { } messageId)
        {
            return;
        }

        var now = time.GetUtcNow();
        var error = delivery == DeliveryStatus.Failed
            ? $"WhatsApp reported the message failed (error {(status.ErrorCodes.Count == 0 ? "unknown" : string.Join(", ", status.ErrorCodes))})"
            : null;
        var conversationId = await outbox.ApplyReceiptAsync(account.TenantId, messageId, delivery, error, now, cancellationToken);
        if (conversationId is { } id && status.ErrorCodes.Contains(131047))
        {
            await GrainCalls.RetryAsync(
                () => grains.GetGrain<IConversationGrain>(new ConversationKey(account.TenantId, id).ToGrainKey()).CloseMessagingWindowAsync(ChannelKind.WhatsApp, now),
                cancellationToken: cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "WhatsApp webhook for number {PhoneNumberId} through app {AppId}, which is not connected through that app: dropped")]
    private static partial void LogUnknownNumber(ILogger logger, string phoneNumberId, string appId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "WhatsApp status of {ChannelMessageId}: {Status} (errors {Codes})")]
    private static partial void LogStatus(ILogger logger, string channelMessageId, string status, IReadOnlyList<int> codes);

    [LoggerMessage(Level = LogLevel.Debug, Message = "WhatsApp webhook item ignored: {Reason}")]
    private static partial void LogIgnored(ILogger logger, string reason);
}
