using System.Diagnostics;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Customers;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Conversations.Channels.Email;

/// <summary>
/// Hands one mail to the grains and returns once it is durable (or once it is known to be one we never store): the
/// thread headers of the mail, then the customer's message. A delivery report marks its failed recipients
/// unreachable. Throws when the mail could not be made durable, so the reader does not move past it.
/// </summary>
public sealed partial class EmailInboundProcessor(EmailMessageMapper mapper, IGrainFactory grains, ILogger<EmailInboundProcessor> logger)
{
    /// <summary>Activity source of inbound traces.</summary>
    public static readonly ActivitySource Source = new("Conversations.Channels.Email");

    /// <summary>Processes <paramref name="mail"/> received by <paramref name="account"/>; returns what it meant.</summary>
    public async Task<EmailInbound> ProcessAsync(ChannelAccount account, MimeMessage mail, CancellationToken cancellationToken)
    {
        using var activity = Source.StartActivity("email inbound", ActivityKind.Consumer);
        activity?.SetTag("conversations.tenant_id", account.TenantId);
        var inbound = mapper.Map(mail, account);
        foreach (var address in inbound.BouncedRecipients)
        {
            var identity = new ChannelIdentityKey(account.TenantId, ChannelKind.Email, account.Key.Account, address);
            await GrainCalls.RetryAsync(() => grains.GetGrain<IChannelIdentityGrain>(identity.ToGrainKey()).SetReachableAsync(false),
                cancellationToken: cancellationToken);
        }

        if (inbound.Message is not { } message)
        {
            LogIgnored(logger, account.Key.Account, inbound.IgnoredReason ?? "");
            return inbound;
        }

        // The thread first: the conversation's bot may answer as soon as the message is in, and its reply must thread.
        if (inbound.Thread is { } thread)
        {
            await GrainCalls.RetryAsync(
                () => grains.GetGrain<IEmailThreadGrain>(IEmailThreadGrain.KeyOf(account.TenantId, account.Key.Account, message.ReplyTo.ChatId)).RecordAsync(thread),
                cancellationToken: cancellationToken);
        }

        var result = await GrainCalls.RetryAsync(
            () => grains.GetGrain<IChannelIdentityGrain>(message.Identity.ToGrainKey()).ReceiveAsync(message),
            cancellationToken: cancellationToken);
        InboundMetrics.Record("email", result.Outcome);
        activity?.SetTag("conversations.conversation_id", result.ConversationId);

        return inbound;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A mail to {Mailbox} was not stored: {Reason}")]
    private static partial void LogIgnored(ILogger logger, string mailbox, string reason);
}
