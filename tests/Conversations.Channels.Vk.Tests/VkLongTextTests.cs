using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Delivery;

namespace Conversations.Channels.Vk.Tests;

/// <summary>
/// Texts over VK's 9000 characters (messages.send <c>message</c>, maxLength 9000 in VK's schema; error 914 beyond) go
/// as several messages in order, each with its own random_id derived from our message id, so a resend delivers nothing new.
/// </summary>
public sealed class VkLongTextTests(VkGatewayFixture vk) : IClassFixture<VkGatewayFixture>
{
    [Fact]
    public async Task A_20000_character_reply_arrives_in_parts_in_order_and_a_resend_after_a_crash_delivers_nothing_new()
    {
        var user = VkGatewayFixture.NewUserId();
        var text = string.Join('\n', Enumerable.Range(1, 200).Select(i => $"Line {i:D3}: " + new string('x', 89)));
        Assert.Equal(20_000 - 1, text.Length);
        var message = Outbound(user, new TextContent(text));

        var first = await vk.App.Service<VkSender>().SendAsync(await AccountAsync(), message, CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Sent, first.Outcome);
        var parts = vk.Vk.SeenBy(user);
        Assert.Equal(3, parts.Count);
        Assert.All(parts, p => Assert.InRange(p.Text.Length, 1, 9000));
        Assert.Equal(text, string.Join('\n', parts.Select(p => p.Text)));
        Assert.Equal(3, parts.Select(p => p.RandomId).Distinct().Count());
        Assert.Equal([VkRandomId.For(message.MessageId, 0), VkRandomId.For(message.MessageId, 1), VkRandomId.For(message.MessageId, 2)],
            parts.Select(p => p.RandomId));

        // The same outbox row sent again (the silo died before recording the first send): VK sees the same random_ids.
        var again = await vk.App.Service<VkSender>().SendAsync(await AccountAsync(), message, CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Sent, again.Outcome);
        Assert.Equal(6, vk.Vk.Succeeded("messages.send").Count(c => c.Field("peer_id") == Peer(user)));
        Assert.Equal(parts, vk.Vk.SeenBy(user));
    }

    [Fact]
    public async Task The_stand_in_refuses_a_message_over_9000_characters_with_error_914()
    {
        using var http = new HttpClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["access_token"] = VkGatewayFixture.Token, ["v"] = "5.199", ["peer_id"] = Peer(VkGatewayFixture.NewUserId()),
            ["random_id"] = "42", ["message"] = new string('a', 9001),
        });

        var answer = await (await http.PostAsync($"{vk.Vk.BaseUrl}/method/messages.send", form)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(914, answer.GetProperty("error").GetProperty("error_code").GetInt32());
    }

    private static string Peer(long user) => user.ToString(CultureInfo.InvariantCulture);

    private OutboundMessage Outbound(long user, MessageContent content) =>
        new(Guid.NewGuid(), vk.TenantId, Guid.NewGuid(),
            new ChannelAddress(ChannelKind.Vk, VkGatewayFixture.GroupId.ToString(CultureInfo.InvariantCulture), Peer(user)), content, 1, false);

    private async Task<ChannelAccount> AccountAsync() =>
        (await vk.App.Grains.GetGrain<IChannelAccountGrain>(
            new ChannelAccountKey(ChannelKind.Vk, VkGatewayFixture.GroupId.ToString(CultureInfo.InvariantCulture)).ToGrainKey()).GetAsync())!;
}
