using Conversations.Abstractions.Channels;
using Conversations.Channels.Delivery;
using Conversations.Channels.Meta.Graph;

namespace Conversations.Channels.Meta.Messenger;

/// <summary>
/// The Send API's errors as delivery outcomes for Messenger or Instagram, by Meta's codes (<see cref="GraphErrors"/>):
/// code 10 with subcode 2018278 (Instagram 2534022) is outside the messaging window and final, code 10 alone a
/// permission error, 551 an unavailable person, 4/613 throttling, token errors final until reconnected.
/// </summary>
/// <param name="kind">Messenger or Instagram.</param>
public sealed class MessengerSendErrorClassifier(ChannelKind kind) : ISendErrorClassifier
{
    /// <inheritdoc />
    public ChannelKind Kind => kind;

    /// <inheritdoc />
    public DeliveryResult? Classify(Exception exception) => GraphErrors.Classify(exception, TimeSpan.FromSeconds(1));
}
