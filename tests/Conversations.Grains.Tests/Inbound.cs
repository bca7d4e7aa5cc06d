using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Channels;
using Conversations.Grains.Channels;
using Conversations.Grains.Conversations;
using Conversations.Grains.Customers;

namespace Conversations.Grains.Tests;

/// <summary>Inbound messages as a Telegram gateway would map them.</summary>
internal static class Inbound
{
    private static long _updateId = 1000;

    public static InboundMessage Telegram(Guid tenantId, long userId, MessageContent content, string? name = "Anna Petrova", long? updateId = null)
    {
        var id = updateId ?? Interlocked.Increment(ref _updateId);
        return new InboundMessage(
            new ChannelIdentityKey(tenantId, ChannelKind.Telegram, "777", userId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new ChannelAddress(ChannelKind.Telegram, "777", userId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            $"tg:777:{id}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), content,
            DateTimeOffset.UtcNow, new SenderProfile(name, "anna_p", "ru"));
    }

    public static InboundMessage Text(Guid tenantId, long userId, string text, long? updateId = null) =>
        Telegram(tenantId, userId, new TextContent(text), updateId: updateId);

    public static IChannelIdentityGrain Identity(this IGrainFactory grains, InboundMessage message) =>
        grains.GetGrain<IChannelIdentityGrain>(message.Identity.ToGrainKey());

    public static Task<InboundResult> SendAsync(this IGrainFactory grains, InboundMessage message) =>
        grains.Identity(message).ReceiveAsync(message);

    public static IConversationGrain Conversation(this IGrainFactory grains, InboundResult result) =>
        grains.GetGrain<IConversationGrain>(new ConversationKey(result.TenantId, result.ConversationId).ToGrainKey());

    public static ICustomerGrain Customer(this IGrainFactory grains, InboundResult result) =>
        grains.GetGrain<ICustomerGrain>(new CustomerKey(result.TenantId, result.CustomerId).ToGrainKey());
}
