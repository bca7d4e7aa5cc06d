using Conversations.Abstractions.Messages;

namespace Conversations.Grains.Conversations;

/// <summary>What the waiting room does with one customer message.</summary>
/// <param name="Replies">Messages to the customer, in order.</param>
/// <param name="AwaitingCallbackPhone">Whether the next message is read as the phone to call back (after this one).</param>
/// <param name="CallbackAt">The callback time the customer just chose, if any (the queue is told).</param>
/// <param name="PhoneToRecord">A phone number the customer just typed, for their profile.</param>
internal sealed record WaitingRoomAnswer(
    IReadOnlyList<MessageContent> Replies,
    bool AwaitingCallbackPhone,
    DateTimeOffset? CallbackAt = null,
    string? PhoneToRecord = null);
