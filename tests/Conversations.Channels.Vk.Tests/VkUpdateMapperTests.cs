using System.Text.Json;
using System.Text.Json.Nodes;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Vk.Api;
using Conversations.Channels.Vk.Inbound;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.Channels.Vk.Tests;

/// <summary>The mapper alone: what each Callback API notification becomes.</summary>
public sealed class VkUpdateMapperTests
{
    private static readonly ChannelAccount Account = new(new ChannelAccountKey(ChannelKind.Vk, "42"), Guid.NewGuid(), "Shop", InboundMode.Webhook, "t", "s", true);
    private readonly VkUpdateMapper _mapper = new(Options.Create(new VkOptions()), new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56)));

    private VkInbound Map(string type, JsonObject eventObject, string eventId = "e1") =>
        _mapper.Map(JsonSerializer.Deserialize<VkCallback>(
            new JsonObject { ["type"] = type, ["group_id"] = 42, ["event_id"] = eventId, ["v"] = "5.199", ["object"] = eventObject, ["secret"] = "s" }.ToJsonString(),
            new JsonSerializerOptions(JsonSerializerDefaults.Web))!, Account);

    [Fact]
    public void A_message_is_keyed_by_the_event_id_and_addressed_to_the_peer()
    {
        var inbound = Assert.IsType<VkInboundMessage>(Map("message_new", VkGatewayFixture.MessageNew(1001, "hi"), "abc123"));

        Assert.Equal("vk:42:abc123", inbound.Message.DedupKey);
        Assert.Equal("1001", inbound.Message.Identity.ExternalUserId);
        Assert.Equal("1001", inbound.Message.ReplyTo.ChatId);
        Assert.Equal(new TextContent("hi"), inbound.Message.Content);
        Assert.Null(inbound.EventAnswer);
    }

    [Fact]
    public void A_message_in_a_group_chat_is_ignored()
    {
        var body = VkGatewayFixture.MessageNew(1001, "hi");
        body["message"]!["peer_id"] = 2_000_000_001;

        Assert.IsType<VkIgnored>(Map("message_new", body));
    }

    [Fact]
    public void A_photo_keeps_the_url_of_its_largest_size_and_the_text_as_caption()
    {
        var attachments = new JsonArray(new JsonObject
        {
            ["type"] = "photo",
            ["photo"] = new JsonObject
            {
                ["id"] = 1, ["owner_id"] = 1001,
                ["sizes"] = new JsonArray(
                    new JsonObject { ["type"] = "x", ["url"] = "https://sun9.userapi.com/big.jpg", ["width"] = 604, ["height"] = 453 },
                    new JsonObject { ["type"] = "s", ["url"] = "https://sun9.userapi.com/small.jpg", ["width"] = 75, ["height"] = 56 }),
            },
        });

        var inbound = Assert.IsType<VkInboundMessage>(Map("message_new", VkGatewayFixture.MessageNew(1001, "look", attachments)));

        Assert.Equal(new ImageContent(null, "https://sun9.userapi.com/big.jpg", "look"), inbound.Message.Content);
    }

    [Fact]
    public void A_press_of_our_text_button_is_a_button_press_and_the_start_button_is_text()
    {
        var ours = Assert.IsType<VkInboundMessage>(Map("message_new", VkGatewayFixture.MessageNew(1001, "Delivery", payload: "{\"p\":\"menu:delivery\"}")));
        var start = Assert.IsType<VkInboundMessage>(Map("message_new", VkGatewayFixture.MessageNew(1001, "Начать", payload: "{\"command\":\"start\"}")));

        Assert.Equal(new ButtonPressContent("menu:delivery", "Delivery"), ours.Message.Content);
        Assert.Equal(new TextContent("Начать"), start.Message.Content);
    }

    [Fact]
    public void Message_allow_and_deny_set_the_permission_of_the_user()
    {
        var allow = Assert.IsType<VkPermissionChange>(Map("message_allow", new JsonObject { ["user_id"] = 1001, ["key"] = "k" }));
        var deny = Assert.IsType<VkPermissionChange>(Map("message_deny", new JsonObject { ["user_id"] = 1001 }));

        Assert.True(allow.Allowed);
        Assert.False(deny.Allowed);
        Assert.Equal("1001", deny.Identity.ExternalUserId);
    }

    [Fact]
    public void A_location_off_the_globe_is_kept_as_unsupported()
    {
        var body = VkGatewayFixture.MessageNew(1001, "", geo: new JsonObject { ["coordinates"] = new JsonObject { ["latitude"] = 91.0, ["longitude"] = 10.0 } });

        var inbound = Assert.IsType<VkInboundMessage>(Map("message_new", body));

        Assert.Equal(new UnsupportedContent("invalid_location"), inbound.Message.Content);
    }
}
