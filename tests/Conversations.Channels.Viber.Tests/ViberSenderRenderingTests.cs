using System.Text.Json.Nodes;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;

namespace Conversations.Channels.Viber.Tests;

public sealed class ViberSenderRenderingTests
{
    private static readonly ChannelAccount Account = new(new ChannelAccountKey(ChannelKind.Viber, "pa:1"), Guid.NewGuid(),
        "A very long bot name that goes well beyond what Viber shows", InboundMode.Webhook, "token", null, true);

    [Fact]
    public void A_menu_becomes_a_keyboard_of_reply_buttons_with_its_payloads_in_tracking_data_and_min_api_version_1()
    {
        var request = Assert.Single(ViberSender.Requests(new TextContent("Choose", [new Button("Delivery", "menu:delivery"), new Button("Site", Url: "https://shop.example.com")]), "Shop"));

        var buttons = request["keyboard"]!["Buttons"]!.AsArray();
        Assert.Equal(("reply", "Delivery", "Delivery"), ((string?)buttons[0]!["ActionType"], (string?)buttons[0]!["ActionBody"], (string?)buttons[0]!["Text"]));
        Assert.Equal(("open-url", "https://shop.example.com"), ((string?)buttons[1]!["ActionType"], (string?)buttons[1]!["ActionBody"]));
        Assert.Equal(ViberKeyboard.MinApiVersion, (int?)request["min_api_version"]);
        Assert.Equal("menu:delivery", ViberTrackingData.PayloadOf((string?)request["tracking_data"], "Delivery"));
        Assert.Null(ViberTrackingData.PayloadOf((string?)request["tracking_data"], "Something typed"));
    }

    [Fact]
    public void A_menu_beyond_12_buttons_becomes_numbered_lines_without_a_keyboard()
    {
        var buttons = Enumerable.Range(1, 13).Select(i => new Button($"Option {i}", $"p{i}")).ToList();

        var request = Assert.Single(ViberSender.Requests(new TextContent("Choose", buttons), "Shop"));

        Assert.Null(request["keyboard"]);
        Assert.Null(request["min_api_version"]);
        Assert.Contains("13. Option 13", (string?)request["text"], StringComparison.Ordinal);
    }

    [Fact]
    public void Two_buttons_with_one_label_cannot_be_told_apart_so_the_menu_is_numbered()
    {
        var request = Assert.Single(ViberSender.Requests(new TextContent("Choose", [new Button("Same", "a"), new Button("Same", "b")]), "Shop"));

        Assert.Null(request["keyboard"]);
        Assert.Contains("2. Same", (string?)request["text"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_sender_name_is_cut_to_28_characters()
    {
        var name = ViberSender.SenderName(Account);

        Assert.Equal(ViberSender.MaxSenderName, name.Length);
        Assert.StartsWith("A very long bot name", name, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_longer_than_7000_characters_is_split_with_the_keyboard_on_the_last_part()
    {
        var text = string.Join('\n', Enumerable.Repeat(new string('x', 99), 100)); // 9999 characters

        var requests = ViberSender.Requests(new TextContent(text, [new Button("OK", "ok")]), "Shop");

        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.InRange(((string?)r["text"])!.Length, 1, 7000));
        Assert.Null(requests[0]["keyboard"]);
        Assert.NotNull(requests[1]["keyboard"]);
    }

    [Fact]
    public void A_picture_goes_by_url_and_a_caption_beyond_120_characters_goes_first_as_a_text()
    {
        var caption = new string('c', 150);

        var requests = ViberSender.Requests(new ImageContent("https://cdn.example.com/p.jpg", null, caption), "Shop");

        Assert.Equal<string>(["text", "picture"], requests.Select(r => (string)r["type"]!).ToList());
        Assert.Equal(caption, (string?)requests[0]["text"]);
        Assert.Equal(("https://cdn.example.com/p.jpg", ""), ((string?)requests[1]["media"], (string?)requests[1]["text"]));
        var short1 = Assert.Single(ViberSender.Requests(new ImageContent("https://cdn.example.com/p.jpg", null, "Receipt"), "Shop"));
        Assert.Equal("Receipt", (string?)short1["text"]);
    }

    [Fact]
    public void Tracking_data_from_someone_else_or_forged_is_not_a_button_press()
    {
        Assert.Null(ViberTrackingData.PayloadOf("order-42", "Delivery"));
        Assert.Null(ViberTrackingData.PayloadOf("{\"b\":[1,2]}", "Delivery"));
        Assert.Null(ViberTrackingData.PayloadOf("{\"b\":{\"Delivery\":5}}", "Delivery"));
        Assert.Null(ViberTrackingData.PayloadOf("{\"b\":{\"Delivery\":\"x\",\"Delivery\":\"y\"", "Delivery"));
        Assert.Null(ViberTrackingData.PayloadOf("{broken", "Delivery"));
    }
}
