using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Delivery;
using Conversations.Persistence.Outbox;

namespace Conversations.Channels.Tests.Delivery;

public sealed class OutboxDispatcherTests
{
    [Fact]
    public void A_sender_sees_the_row_as_a_channel_neutral_message_numbered_by_attempt()
    {
        var entry = new OutboxEntry(7, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), new ChannelAddress(ChannelKind.Telegram, "777000", "42"),
            new TextContent("Hello"), Attempts: 2, LeaseExpired: true, CreatedAt: DateTimeOffset.UnixEpoch);

        var message = OutboxDispatcher.ToOutbound(entry);

        Assert.Equal(new OutboundMessage(entry.MessageId, entry.TenantId, entry.ConversationId, entry.To, entry.Content, Attempt: 3, MayHaveBeenSent: true), message);
    }
}
