using System.Diagnostics;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Channels.Telegram.Inbound;
using Microsoft.Extensions.Logging;
using Telegram.Bot.Types;

namespace Conversations.Channels.Telegram;

/// <summary>
/// Hands one Telegram update to the grains and returns once it is durable (webhook and polling share it).
/// Callback queries are answered after the press is stored, so the customer's button stops spinning.
/// </summary>
public sealed partial class TelegramUpdateProcessor(
    TelegramUpdateMapper mapper,
    TelegramSender sender,
    IGrainFactory grains,
    ILogger<TelegramUpdateProcessor> logger)
{
    /// <summary>Activity source of inbound traces.</summary>
    public static readonly ActivitySource Source = new("Conversations.Channels.Telegram");

    /// <summary>Processes <paramref name="update"/>; returns what it meant. Throws when the message could not be made durable.</summary>
    public async Task<TelegramInbound> ProcessAsync(ChannelAccount account, Update update, CancellationToken cancellationToken)
    {
        using var activity = Source.StartActivity("telegram update", ActivityKind.Consumer);
        activity?.SetTag("conversations.tenant_id", account.TenantId);
        var inbound = mapper.Map(update, account);
        activity?.SetTag("conversations.inbound", inbound.GetType().Name);
        switch (inbound)
        {
            case TelegramInboundMessage message:
                var result = await GrainCalls.RetryAsync(
                    () => grains.GetGrain<IChannelIdentityGrain>(message.Message.Identity.ToGrainKey()).ReceiveAsync(message.Message),
                    cancellationToken: cancellationToken);
                InboundMetrics.Record("telegram", result.Outcome);
                activity?.SetTag("conversations.conversation_id", result.ConversationId);
                if (message.CallbackQueryId is { } callbackId && result.Outcome == InboundOutcome.Stored)
                {
                    _ = AnswerCallbackAsync(account, callbackId);
                }

                break;
            case TelegramInboundEdit edit:
                await GrainCalls.RetryAsync(
                    () => grains.GetGrain<IChannelIdentityGrain>(edit.Edit.Identity.ToGrainKey()).ReceiveEditAsync(edit.Edit),
                    cancellationToken: cancellationToken);
                break;
            case TelegramReachabilityChange change:
                await GrainCalls.RetryAsync(
                    () => grains.GetGrain<IChannelIdentityGrain>(change.Identity.ToGrainKey()).SetReachableAsync(change.Reachable),
                    cancellationToken: cancellationToken);
                break;
            case TelegramIgnored ignored:
                LogIgnored(logger, update.Id, ignored.Reason);
                break;
        }

        return inbound;
    }

    private async Task AnswerCallbackAsync(ChannelAccount account, string callbackId)
    {
        try
        {
            await sender.AnswerCallbackAsync(account, callbackId, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Only cosmetic (the spinner on the button); the press itself is stored.
            LogCallbackAnswerFailed(logger, ex, callbackId);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Telegram update {UpdateId} ignored: {Reason}")]
    private static partial void LogIgnored(ILogger logger, int updateId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answering callback query {CallbackId} failed")]
    private static partial void LogCallbackAnswerFailed(ILogger logger, Exception exception, string callbackId);
}
