using System.Diagnostics;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Channels.Vk.Api;
using Conversations.Channels.Vk.Inbound;
using Microsoft.Extensions.Logging;

namespace Conversations.Channels.Vk;

/// <summary>
/// Hands one Callback API notification to the grains and returns once it is durable. A callback button press is
/// answered (<c>messages.sendMessageEventAnswer</c>) after the press is stored; message_allow/message_deny set whether
/// the customer can be written to; a reply an admin typed in VK is recorded as an operator message; what the
/// customer's app can show (client_info) is kept on their identity for rendering replies.
/// </summary>
public sealed partial class VkCallbackProcessor(
    VkUpdateMapper mapper,
    VkSender sender,
    IGrainFactory grains,
    ILogger<VkCallbackProcessor> logger)
{
    /// <summary>Activity source of inbound traces.</summary>
    public static readonly ActivitySource Source = new("Conversations.Channels.Vk");

    /// <summary>Processes <paramref name="callback"/>; returns what it meant. Throws when it could not be made durable.</summary>
    public async Task<VkInbound> ProcessAsync(ChannelAccount account, VkCallback callback, CancellationToken cancellationToken)
    {
        using var activity = Source.StartActivity("vk callback", ActivityKind.Consumer);
        activity?.SetTag("conversations.tenant_id", account.TenantId);
        var inbound = mapper.Map(callback, account);
        activity?.SetTag("conversations.inbound", inbound.GetType().Name);
        switch (inbound)
        {
            case VkInboundMessage message:
                if (message.ClientInfo is { } clientInfo)
                {
                    // Before the message, so the bot's reply to it is rendered for this app.
                    await GrainCalls.RetryAsync(
                        () => grains.GetGrain<IChannelIdentityGrain>(message.Message.Identity.ToGrainKey()).SetClientInfoAsync(clientInfo),
                        cancellationToken: cancellationToken);
                }

                var result = await GrainCalls.RetryAsync(
                    () => grains.GetGrain<IChannelIdentityGrain>(message.Message.Identity.ToGrainKey()).ReceiveAsync(message.Message),
                    cancellationToken: cancellationToken);
                InboundMetrics.Record("vk", result.Outcome);
                activity?.SetTag("conversations.conversation_id", result.ConversationId);
                if (message.EventAnswer is { } answer && result.Outcome == InboundOutcome.Stored)
                {
                    _ = AnswerEventAsync(account, answer);
                }

                break;
            case VkInboundEdit edit:
                await GrainCalls.RetryAsync(
                    () => grains.GetGrain<IChannelIdentityGrain>(edit.Edit.Identity.ToGrainKey()).ReceiveEditAsync(edit.Edit),
                    cancellationToken: cancellationToken);
                break;
            case VkOperatorReply operatorReply:
                await GrainCalls.RetryAsync(
                    () => grains.GetGrain<IChannelIdentityGrain>(operatorReply.Reply.Identity.ToGrainKey()).RecordChannelReplyAsync(operatorReply.Reply),
                    cancellationToken: cancellationToken);
                break;
            case VkPermissionChange change:
                await GrainCalls.RetryAsync(
                    () => grains.GetGrain<IChannelIdentityGrain>(change.Identity.ToGrainKey()).SetReachableAsync(change.Allowed),
                    cancellationToken: cancellationToken);
                break;
            case VkIgnored ignored:
                LogIgnored(logger, callback.Type ?? "", ignored.Reason);
                break;
        }

        return inbound;
    }

    private async Task AnswerEventAsync(ChannelAccount account, VkEventAnswer answer)
    {
        try
        {
            await sender.AnswerEventAsync(account, answer.EventId, answer.UserId, answer.PeerId, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Only cosmetic (the spinner on the button); the press itself is stored.
            LogEventAnswerFailed(logger, ex, answer.EventId);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "VK notification {Type} ignored: {Reason}")]
    private static partial void LogIgnored(ILogger logger, string type, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answering VK message_event {EventId} failed")]
    private static partial void LogEventAnswerFailed(ILogger logger, Exception exception, string eventId);
}
