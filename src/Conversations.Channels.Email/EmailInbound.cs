using Conversations.Abstractions.Conversations;

namespace Conversations.Channels.Email;

/// <summary>What one incoming mail means for us.</summary>
/// <param name="Message">The customer's message, or null when the mail is not one to store (see <paramref name="IgnoredReason"/>).</param>
/// <param name="Thread">The mail's threading headers, recorded with the conversation so replies thread.</param>
/// <param name="IgnoredReason">Why the mail is not stored (an auto-reply, a bounce, a list mail, no sender).</param>
/// <param name="BouncedRecipients">For a delivery report (RFC 3464): the addresses that could not be reached.</param>
/// <param name="Files">The mail's attachments and inline images, each stored as a message of its own after the text.</param>
public sealed record EmailInbound(
    InboundMessage? Message, EmailThreadEntry? Thread, string? IgnoredReason, IReadOnlyList<string> BouncedRecipients, IReadOnlyList<MimeKit.MimePart> Files);
