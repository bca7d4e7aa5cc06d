using System.Diagnostics;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Persistence.Media;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Conversations.Channels.Email;

/// <summary>
/// Hands one mail to the grains and returns once it is durable (or once it is known to be one we never store): the
/// mail's thread, which picks its conversation (<see cref="IEmailThreadGrain"/>), then the customer's message, then where
/// it landed. The mail's attachments and inline images follow its text as messages of their own (<see cref="EmailFileIntake"/>). The whole
/// mail is kept first (a <c>message/rfc822</c> file) and every message it became is linked to it (<see cref="IMailOriginalStore"/>), so
/// the console opens the original. A delivery report marks its failed recipients unreachable. Throws when the mail could not be made
/// durable, so the reader does not move past it.
/// </summary>
public sealed partial class EmailInboundProcessor(
    EmailMessageMapper mapper, EmailFileIntake files, IMailOriginalStore originals, IGrainFactory grains, ILogger<EmailInboundProcessor> logger)
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

        // The original before the messages: once a message is in, its link can always be made (a mail read again after a
        // crash stores the same bytes once and links the messages it already became).
        var original = await files.KeepOriginalAsync(account.TenantId, mail, cancellationToken);

        // The thread first: it picks the conversation, and the conversation's bot may answer as soon as the message is
        // in, and its reply must thread.
        var bodyless = message.Content is UnsupportedContent && inbound.Files.Count > 0;
        string? caption = null;
        var threads = grains.GetGrain<IEmailThreadGrain>(IEmailThreadGrain.KeyOf(account.TenantId, account.Key.Account, message.ReplyTo.ChatId));
        if (inbound.Thread is { } entry)
        {
            var thread = await GrainCalls.RetryAsync(() => threads.ThreadAsync(message.DedupKey, entry, EmailMailbox.ReopenWithinOf(account)),
                cancellationToken: cancellationToken);
            // The subject heads the first mail of a thread: its text, or the caption of its first file when it has no text.
            caption = thread.ContinuesConversationId is null && bodyless ? entry.Subject : null;
            message = (thread.ContinuesConversationId is null && !bodyless ? EmailMessageMapper.WithSubject(message, entry.Subject) : message) with { Thread = thread };
        }

        // The text, then each file as a message of its own (its dedup key the mail's and its place), in the same thread.
        var messages = new List<InboundMessage>();
        if (!bodyless)
        {
            messages.Add(message);
        }

        for (var i = 0; i < inbound.Files.Count; i++)
        {
            var content = await files.KeepAsync(account.TenantId, inbound.Files[i], i + 1, i == 0 ? caption : null, cancellationToken);
            messages.Add(message with { DedupKey = $"{message.DedupKey}#{i + 1}", ChannelMessageId = null, Content = content });
        }

        InboundResult? result = null;
        foreach (var part in messages)
        {
            var stored = await GrainCalls.RetryAsync(
                () => grains.GetGrain<IChannelIdentityGrain>(part.Identity.ToGrainKey()).ReceiveAsync(part),
                cancellationToken: cancellationToken);
            result ??= stored;
            if (original is { } mediaId)
            {
                await originals.LinkAsync(account.TenantId, stored.ConversationId, stored.MessageId, mediaId, cancellationToken);
            }
        }

        if (message.Thread is { } chosen && result!.ConversationId != chosen.ContinuesConversationId)
        {
            await GrainCalls.RetryAsync(() => threads.LandedAsync(message.DedupKey, result.ConversationId), cancellationToken: cancellationToken);
        }

        InboundMetrics.Record("email", result!.Outcome);
        activity?.SetTag("conversations.conversation_id", result.ConversationId);

        return inbound;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A mail to {Mailbox} was not stored: {Reason}")]
    private static partial void LogIgnored(ILogger logger, string mailbox, string reason);
}
