using System.Text.Json.Nodes;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;

namespace Conversations.Channels.Vk.Tests;

/// <summary>How the sender fits texts and menus to VK's limits, and the random_id it derives.</summary>
public sealed class VkSenderRenderingTests
{
    private static readonly ChannelCapabilities Vk = ChannelCatalog.For(ChannelKind.Vk);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(6, 6)]
    [InlineData(7, 4)]
    [InlineData(10, 5)]
    public void A_menu_of_up_to_ten_buttons_is_an_inline_keyboard_within_six_rows_of_five(int buttons, int rows)
    {
        var menu = new TextContent("Choose", [.. Enumerable.Range(1, buttons).Select(i => new Button($"Option {i}", $"opt:{i}"))]);

        var (text, fitted) = VkSender.Render(menu, Vk);
        var keyboard = JsonNode.Parse(VkKeyboard.Build(fitted!))!;

        Assert.Equal("Choose", text);
        Assert.True(keyboard["inline"]!.GetValue<bool>());
        Assert.Equal(rows, keyboard["buttons"]!.AsArray().Count);
        Assert.All(keyboard["buttons"]!.AsArray(), row => Assert.InRange(row!.AsArray().Count, 1, 5));
        Assert.Equal(buttons, keyboard["buttons"]!.AsArray().Sum(r => r!.AsArray().Count));
        var first = keyboard["buttons"]![0]![0]!["action"]!;
        Assert.Equal("callback", (string?)first["type"]);
        Assert.Equal("opt:1", VkButtonPayload.Unwrap((string?)first["payload"]));
    }

    [Fact]
    public void Eleven_buttons_become_numbered_lines_and_no_keyboard()
    {
        var menu = new TextContent("Choose", [.. Enumerable.Range(1, 11).Select(i => new Button($"Option {i}", $"opt:{i}"))]);

        var (text, buttons) = VkSender.Render(menu, Vk);

        Assert.Null(buttons);
        Assert.Contains("11. Option 11", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_payload_that_escaping_would_push_past_255_characters_turns_the_menu_into_numbered_lines()
    {
        // 200 quotes fit the catalogue's 247 bytes but are 400 characters once JSON-escaped.
        var menu = new TextContent("Choose", [new Button("Quotes", new string('"', 200)), new Button("Plain", "plain")]);

        var (text, buttons) = VkSender.Render(menu, Vk);

        Assert.Null(buttons);
        Assert.Contains("1. Quotes", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Labels_are_cut_to_forty_characters_and_cyrillic_payloads_stay_unescaped()
    {
        var menu = new TextContent("Выберите", [new Button(new string('д', 60), "доставка")]);

        var (_, buttons) = VkSender.Render(menu, Vk);
        var action = JsonNode.Parse(VkKeyboard.Build(buttons!))!["buttons"]![0]![0]!["action"]!;

        Assert.Equal(40, ((string?)action["label"])!.Length);
        Assert.Equal("{\"p\":\"доставка\"}", (string?)action["payload"]);
    }

    [Fact]
    public void A_link_is_an_open_link_button()
    {
        var (text, buttons) = VkSender.Render(new LinkContent("https://shop.example.com/track/1", "Track", "Your parcel"), Vk);
        var action = JsonNode.Parse(VkKeyboard.Build(buttons!))!["buttons"]![0]![0]!["action"]!;

        Assert.Equal("Your parcel", text);
        Assert.Equal("open_link", (string?)action["type"]);
        Assert.Equal("https://shop.example.com/track/1", (string?)action["link"]);
    }

    [Fact]
    public void Texts_over_9000_characters_are_split_at_line_breaks()
    {
        var text = string.Join('\n', Enumerable.Repeat(new string('a', 99), 200)); // 19 999 characters

        var parts = Conversations.Channels.Rendering.TextSplitter.Split(text, Vk.MaxTextLength);

        Assert.Equal(3, parts.Count);
        Assert.All(parts, p => Assert.InRange(p.Length, 1, 9000));
        Assert.Equal(text.Replace("\n", "", StringComparison.Ordinal), string.Concat(parts).Replace("\n", "", StringComparison.Ordinal));
    }

    [Fact]
    public void The_random_id_is_a_positive_function_of_the_message_and_the_part()
    {
        var message = Guid.NewGuid();

        Assert.Equal(VkRandomId.For(message, 0), VkRandomId.For(message, 0));
        Assert.NotEqual(VkRandomId.For(message, 0), VkRandomId.For(message, 1));
        Assert.NotEqual(VkRandomId.For(message, 0), VkRandomId.For(Guid.NewGuid(), 0));
        var ids = Enumerable.Range(0, 10_000).Select(_ => VkRandomId.For(Guid.NewGuid(), 0)).ToList();
        Assert.All(ids, id => Assert.True(id > 0));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Link_buttons_each_take_a_row_of_their_own_after_the_choices_within_six_rows()
    {
        var menu = new TextContent("Choose", [
            new Button("Track", Url: "https://shop.example.com/track"),
            .. Enumerable.Range(1, 6).Select(i => new Button($"Option {i}", $"opt:{i}")),
            new Button("Site", Url: "https://shop.example.com"),
        ]);

        var (_, buttons) = VkSender.Render(menu, Vk);
        var rows = JsonNode.Parse(VkKeyboard.Build(buttons!))!["buttons"]!.AsArray();

        Assert.InRange(rows.Count, 1, VkKeyboard.MaxInlineRows);
        var linkRows = rows.Where(r => r!.AsArray().Any(b => (string?)b!["action"]!["type"] == "open_link")).ToList();
        Assert.Equal(2, linkRows.Count);
        Assert.All(linkRows, r => Assert.Single(r!.AsArray()));
        Assert.Equal(["open_link", "open_link"], rows.TakeLast(2).Select(r => (string?)r![0]!["action"]!["type"]));
        Assert.Equal(8, rows.Sum(r => r!.AsArray().Count));
    }

    [Fact]
    public void Seven_links_cannot_each_have_a_row_of_six_and_become_lines()
    {
        var menu = new TextContent("Links", [.. Enumerable.Range(1, 7).Select(i => new Button($"Page {i}", Url: $"https://shop.example.com/{i}"))]);

        var (text, buttons) = VkSender.Render(menu, Vk);

        Assert.Null(buttons);
        Assert.Contains("Page 7: https://shop.example.com/7", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_without_open_link_gets_the_menu_as_lines_with_links_as_label_and_url()
    {
        var menu = new TextContent("Choose", [new Button("Courier", "courier"), new Button("Site", Url: "https://shop.example.com")]);
        var layout = VkKeyboardLayout.For(new ChannelClientInfo(true, true, false, ["text", "callback"], 0));

        var (text, buttons) = VkSender.Render(menu, Vk, layout: layout);

        Assert.Null(buttons);
        Assert.Contains("Site: https://shop.example.com", text, StringComparison.Ordinal);
        Assert.Contains("1. Courier", text, StringComparison.Ordinal);
    }
}
