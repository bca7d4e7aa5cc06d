using System.Globalization;
using System.Text.Json.Nodes;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Delivery;
using Conversations.Testing;

namespace Conversations.Channels.Vk.Tests;

/// <summary>
/// What a customer's VK app says it supports (message_new's client_info) is kept on their identity, and replies are
/// rendered for it: a standard keyboard of text buttons for an app without inline keyboards or callback buttons,
/// numbered lines for an app without keyboards.
/// </summary>
public sealed class VkClientInfoTests(VkGatewayFixture vk) : IClassFixture<VkGatewayFixture>
{
    private static readonly TextContent Menu = new("Как доставить?", [new Button("Курьером", "courier"), new Button("Самовывоз", "pickup")]);

    [Fact]
    public async Task A_client_without_inline_keyboards_gets_the_menu_as_a_standard_keyboard_of_text_buttons()
    {
        var user = VkGatewayFixture.NewUserId();
        await WriteAsync(user, new JsonObject
        {
            ["button_actions"] = new JsonArray("text", "vkpay", "open_app", "location", "open_link"),
            ["keyboard"] = true,
            ["inline_keyboard"] = false,
            ["carousel"] = false,
            ["lang_id"] = 3,
        });
        var info = await vk.Identity(user).GetClientInfoAsync();
        Assert.NotNull(info);
        Assert.False(info.InlineKeyboard);
        Assert.Equal(3, info.LanguageId);
        Assert.DoesNotContain("callback", info.ButtonActions);

        var result = await SendAsync(user, Menu);

        Assert.Equal(DeliveryOutcome.Sent, result.Outcome);
        var keyboard = JsonNode.Parse(vk.Vk.SeenBy(user)[^1].Keyboard!)!;
        Assert.False(keyboard["inline"]!.GetValue<bool>());
        var actions = keyboard["buttons"]!.AsArray().SelectMany(r => r!.AsArray()).Select(b => b!["action"]!).ToList();
        Assert.Equal(["text", "text"], actions.Select(a => (string?)a["type"]));
        Assert.Equal("courier", VkButtonPayload.Unwrap((string?)actions[0]["payload"]));
    }

    [Fact]
    public async Task A_client_without_keyboards_gets_numbered_choices_and_no_keyboard()
    {
        var user = VkGatewayFixture.NewUserId();
        await WriteAsync(user, new JsonObject
        {
            ["button_actions"] = new JsonArray("text"),
            ["keyboard"] = false,
            ["inline_keyboard"] = false,
            ["lang_id"] = 0,
        });

        await SendAsync(user, Menu);

        var seen = vk.Vk.SeenBy(user)[^1];
        Assert.Null(seen.Keyboard);
        Assert.Contains("1. Курьером", seen.Text, StringComparison.Ordinal);
        Assert.Contains("2. Самовывоз", seen.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_never_told_gets_an_inline_keyboard_of_callback_buttons()
    {
        var user = VkGatewayFixture.NewUserId();

        await SendAsync(user, Menu);

        var keyboard = JsonNode.Parse(vk.Vk.SeenBy(user)[^1].Keyboard!)!;
        Assert.True(keyboard["inline"]!.GetValue<bool>());
        Assert.Equal("callback", (string?)keyboard["buttons"]![0]![0]!["action"]!["type"]);
    }

    private async Task WriteAsync(long user, JsonObject clientInfo)
    {
        var message = VkGatewayFixture.MessageNew(user, "Здравствуйте");
        message["client_info"] = clientInfo;
        (await vk.NotifyAsync(vk.Notification("message_new", message))).EnsureSuccessStatusCode();
    }

    private async Task<DeliveryResult> SendAsync(long user, MessageContent content)
    {
        var group = VkGatewayFixture.GroupId.ToString(CultureInfo.InvariantCulture);
        var account = await vk.App.Grains.GetGrain<IChannelAccountGrain>(new ChannelAccountKey(ChannelKind.Vk, group).ToGrainKey()).GetAsync();
        var message = new OutboundMessage(Guid.NewGuid(), vk.TenantId, Guid.NewGuid(),
            new ChannelAddress(ChannelKind.Vk, group, user.ToString(CultureInfo.InvariantCulture)), content, 1, false);
        return await vk.App.Service<VkSender>().SendAsync(account!, message, CancellationToken.None);
    }
}
