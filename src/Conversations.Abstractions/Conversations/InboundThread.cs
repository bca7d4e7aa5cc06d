namespace Conversations.Abstractions.Conversations;

/// <summary>
/// The thread a customer's message belongs to, for channels whose messages carry threads of their own (e-mail): a
/// new thread (a new subject) opens a new conversation even while another one is open; an answer in a thread lands in
/// that thread's conversation, reopening it when it closed less than <paramref name="ReopenWithin"/> ago, else it opens
/// <paramref name="NewConversationId"/>. Both ids come from the channel and are kept with its thread, so a message read
/// again after a crash lands in the same conversation.
/// </summary>
/// <param name="ContinuesConversationId">The conversation of the thread the message answers, or null when it starts a new thread.</param>
/// <param name="NewConversationId">The conversation the message opens when it starts a thread, or when its thread's conversation closed too long ago.</param>
/// <param name="ReopenWithin">How long after its conversation closed an answer in the thread still reopens it.</param>
[GenerateSerializer, Immutable, Alias("conv.InboundThread")]
public sealed record InboundThread(
    [property: Id(0)] Guid? ContinuesConversationId,
    [property: Id(1)] Guid NewConversationId,
    [property: Id(2)] TimeSpan ReopenWithin);
