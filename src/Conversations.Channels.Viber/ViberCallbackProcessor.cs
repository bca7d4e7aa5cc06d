using System.Diagnostics;
using System.Text.Json.Nodes;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Tenants;
using Conversations.Channels.Viber.Api;
using Conversations.Channels.Viber.Inbound;
using Conversations.Persistence.Outbox;
using Microsoft.Extensions.Logging;

namespace Conversations.Channels.Viber;

/// <summary>
/// Hands one Viber callback to the grains and returns once it is durable: a message is stored (once per
/// message_token), subscribed/unsubscribed set whether the customer can be written to, and conversation_started gets
/// the tenant's welcome text (<see cref="TenantTexts.ViberWelcome"/>) to answer with, after binding the identity to the
/// customer of the "continue in messenger" token its <c>context</c> carries, if any. Delivered and seen receipts move
/// our delivery status forward (every message of the chat up to the one Viber names, as Viber delivers a chat in order);
/// a failed receipt fails that one message, with Viber's description as the reason the console shows.
/// </summary>
public sealed partial class ViberCallbackProcessor(
    ViberUpdateMapper mapper,
    IGrainFactory grains,
    IOutboxStore outbox,
    TimeProvider time,
    ILogger<ViberCallbackProcessor> logger)
{
    /// <summary>Activity source of inbound traces.</summary>
    public static readonly ActivitySource Source = new("Conversations.Channels.Viber");

    /// <summary>
    /// Processes <paramref name="callback"/>; returns the body to answer Viber with (the welcome message for
    /// conversation_started, otherwise null). Throws when it could not be made durable.
    /// </summary>
    public async Task<JsonObject?> ProcessAsync(ChannelAccount account, ViberCallback callback, CancellationToken cancellationToken)
    {
        using var activity = Source.StartActivity("viber callback", ActivityKind.Consumer);
        activity?.SetTag("conversations.tenant_id", account.TenantId);
        var inbound = mapper.Map(callback, account);
        activity?.SetTag("conversations.inbound", inbound.GetType().Name);
        switch (inbound)
        {
            case ViberInboundMessage message:
                var result = await GrainCalls.RetryAsync(
                    () => grains.GetGrain<IChannelIdentityGrain>(message.Message.Identity.ToGrainKey()).ReceiveAsync(message.Message),
                    cancellationToken: cancellationToken);
                InboundMetrics.Record("viber", result.Outcome);
                activity?.SetTag("conversations.conversation_id", result.ConversationId);
                return null;
            case ViberReachability change:
                await GrainCalls.RetryAsync(
                    () => grains.GetGrain<IChannelIdentityGrain>(change.Identity.ToGrainKey()).SetReachableAsync(change.Reachable),
                    cancellationToken: cancellationToken);
                return null;
            case ViberConversationStarted started:
                if (started is { Context: { } context, ReplyTo: { } replyTo, Sender: { } sender } && ContinueLinkToken.Find(context) is not null)
                {
                    // Opened by a "continue in messenger" link: the identity joins the link's customer before anything is written.
                    await GrainCalls.RetryAsync(
                        () => grains.GetGrain<IChannelIdentityGrain>(started.Identity.ToGrainKey()).OpenedByLinkAsync(context, replyTo, sender),
                        cancellationToken: cancellationToken);
                }

                var settings = await grains.GetGrain<ITenantGrain>(account.TenantId).GetSettingsAsync();
                return Welcome(account, settings.Text(TenantTexts.ViberWelcome));
            case ViberReceipt { Event: "delivered" or "seen" } receipt:
                await outbox.ApplyChatReceiptAsync(account.TenantId, receipt.Chat,
                    receipt.Event == "seen" ? DeliveryStatus.Read : DeliveryStatus.Delivered, watermark: null, receipt.MessageToken,
                    time.GetUtcNow(), cancellationToken);
                return null;
            case ViberReceipt { Event: "failed" } receipt:
                LogReceipt(logger, receipt.Event, receipt.MessageToken, account.Key.Account, receipt.Description ?? "");
                if (await outbox.FindByChannelMessageIdAsync(account.TenantId, receipt.Chat, receipt.MessageToken, cancellationToken) is { } failed)
                {
                    await outbox.ApplyReceiptAsync(account.TenantId, failed, DeliveryStatus.Failed,
                        $"Viber reported the message failed: {(string.IsNullOrWhiteSpace(receipt.Description) ? "no reason given" : receipt.Description)}",
                        time.GetUtcNow(), cancellationToken);
                }

                return null;
            case ViberReceipt receipt:
                LogReceipt(logger, receipt.Event, receipt.MessageToken, account.Key.Account, receipt.Description ?? "");
                return null;
            case ViberIgnored ignored:
                LogIgnored(logger, callback.Event ?? "", ignored.Reason);
                return null;
            default:
                return null;
        }
    }

    /// <summary>
    /// The welcome message: the same fields as a send_message request without <c>receiver</c>, which Viber shows the
    /// customer when it is the body of the answer to conversation_started ("Sending a welcome message").
    /// </summary>
    public static JsonObject Welcome(ChannelAccount account, string text) => new()
    {
        ["sender"] = new JsonObject { ["name"] = ViberSender.SenderName(account) },
        ["type"] = "text",
        ["text"] = text,
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "Viber callback {Event} ignored: {Reason}")]
    private static partial void LogIgnored(ILogger logger, string @event, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Viber {Event} receipt for message {MessageToken} of bot {Account} {Description}")]
    private static partial void LogReceipt(ILogger logger, string @event, string messageToken, string account, string description);
}
