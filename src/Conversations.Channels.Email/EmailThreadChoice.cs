using Conversations.Abstractions.Conversations;

namespace Conversations.Channels.Email;

/// <summary>The conversation chosen for one mail, kept so that the mail read again after a crash goes to the same one.</summary>
/// <param name="DedupKey">The mail's dedup key (its Message-ID, or a hash of the mail).</param>
/// <param name="Thread">What was chosen.</param>
[GenerateSerializer, Immutable, Alias("conv.email.EmailThreadChoice")]
public sealed record EmailThreadChoice(
    [property: Id(0)] string DedupKey,
    [property: Id(1)] InboundThread Thread);
