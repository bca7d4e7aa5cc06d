using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Customers;
using Conversations.Channels.Accounts;
using Conversations.Channels.Meta.Messenger.Inbound;
using Conversations.Channels.Meta.Messenger.Json;
using Conversations.Persistence.Outbox;
using Microsoft.Extensions.Logging;

namespace Conversations.Channels.Meta.Messenger;

/// <summary>
/// Hands a whole Messenger Platform webhook batch to the grains and returns once every message is durable: every
/// entry, every messaging event, routed to its tenant by the Page id (<c>object: page</c>) or Instagram account id
/// (<c>object: instagram</c>) the entry names. An entry for an account not connected through this app is dropped.
/// Delivery and read receipts move the delivery status of the messages they cover forward.
/// </summary>
public sealed partial class MessengerWebhookProcessor(
    MessengerUpdateMapper mapper,
    ChannelAccountCache accounts,
    IGrainFactory grains,
    IOutboxStore outbox,
    TimeProvider time,
    ILogger<MessengerWebhookProcessor> logger)
{
    internal async Task<IReadOnlyList<MessengerInbound>> ProcessAsync(MetaApp app, ChannelKind kind, MsNotification notification, CancellationToken cancellationToken)
    {
        var done = new List<MessengerInbound>();
        foreach (var entry in notification.Entry ?? [])
        {
            if (entry.Id is not { Length: > 0 } accountId)
            {
                continue;
            }

            var account = await accounts.GetAsync(new ChannelAccountKey(kind, accountId));
            if (account is not { Enabled: true } || (account.Settings?.GetValueOrDefault(MessengerSettings.AppId) ?? "") != app.AppId)
            {
                LogUnknownAccount(logger, kind, accountId, app.AppId);
                continue;
            }

            foreach (var e in entry.Messaging ?? [])
            {
                var item = mapper.Map(e, account);
                if (item is MessengerInboundMessage message)
                {
                    var result = await GrainCalls.RetryAsync(
                        () => grains.GetGrain<IChannelIdentityGrain>(message.Message.Identity.ToGrainKey()).ReceiveAsync(message.Message),
                        cancellationToken: cancellationToken);
                    InboundMetrics.Record(kind == ChannelKind.Instagram ? "instagram" : "messenger", result.Outcome);
                }
                else if (item is MessengerPageReply reply)
                {
                    await GrainCalls.RetryAsync(
                        () => grains.GetGrain<IChannelIdentityGrain>(reply.Reply.Identity.ToGrainKey()).RecordChannelReplyAsync(reply.Reply),
                        cancellationToken: cancellationToken);
                }
                else if (item is MessengerReceipt receipt)
                {
                    await outbox.ApplyChatReceiptAsync(account.TenantId, receipt.Chat, receipt.Status, receipt.Watermark, receipt.Mid, time.GetUtcNow(), cancellationToken);
                }

                done.Add(item);
            }
        }

        return done;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Kind} webhook for account {AccountId} through app {AppId}, which is not connected through that app: dropped")]
    private static partial void LogUnknownAccount(ILogger logger, ChannelKind kind, string accountId, string appId);
}
