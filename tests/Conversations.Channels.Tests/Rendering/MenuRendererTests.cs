using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Rendering;

namespace Conversations.Channels.Tests.Rendering;

public sealed class MenuRendererTests
{
    private static readonly ChannelCapabilities Telegram = ChannelCatalog.For(ChannelKind.Telegram);
    private static readonly ChannelCapabilities WhatsApp = ChannelCatalog.For(ChannelKind.WhatsApp);

    private static Button Choice(string label, string? payload = null) => new(label, payload ?? label.ToLowerInvariant());

    [Fact]
    public void A_message_without_buttons_is_left_alone()
    {
        var content = new TextContent("Hello");

        Assert.Same(content, MenuRenderer.Fit(content, WhatsApp));
    }

    [Fact]
    public void A_menu_that_fits_stays_buttons_with_its_payloads()
    {
        var content = new TextContent("Pick one", [Choice("Delivery"), Choice("Returns")]);

        var fitted = MenuRenderer.Fit(content, WhatsApp);

        Assert.Equal(content.Text, fitted.Text);
        Assert.Equal(content.Buttons, fitted.Buttons);
    }

    [Fact]
    public void A_long_label_is_shortened_with_an_ellipsis_so_the_cut_shows()
    {
        var fitted = MenuRenderer.Fit(new TextContent("Pick", [Choice("Track the delivery of my order", "track")]), WhatsApp);

        var label = Assert.Single(fitted.Buttons!).Label;
        Assert.Equal(WhatsApp.MaxButtonLabelLength, label.Length);
        Assert.EndsWith("…", label, StringComparison.Ordinal);
        Assert.Equal("track", fitted.Buttons![0].Payload);
    }

    [Fact]
    public void More_buttons_than_the_channel_shows_become_numbered_lines_none_dropped()
    {
        var content = new TextContent("Pick one", [Choice("Delivery"), Choice("Returns"), Choice("Payment"), Choice("Operator")]);

        var fitted = MenuRenderer.Fit(content, WhatsApp, "Reply with a number.");

        Assert.Null(fitted.Buttons);
        Assert.Equal("Pick one\n\n1. Delivery\n2. Returns\n3. Payment\n4. Operator\n\nReply with a number.", fitted.Text);
    }

    [Fact]
    public void A_payload_longer_than_the_channel_carries_turns_the_menu_into_numbered_lines_rather_than_being_cut()
    {
        var content = new TextContent("Pick", [Choice("Short", "ok"), Choice("Long", new string('x', 65))]);

        var fitted = MenuRenderer.Fit(content, Telegram);

        Assert.Null(fitted.Buttons);
        Assert.Equal("Pick\n\n1. Short\n2. Long", fitted.Text);
    }

    [Fact]
    public void A_payload_is_measured_in_utf8_bytes()
    {
        var cyrillic32 = new string('ж', 32); // 64 bytes: fits Telegram's 64
        var cyrillic33 = new string('ж', 33); // 66 bytes: does not

        Assert.NotNull(MenuRenderer.Fit(new TextContent("x", [Choice("a", cyrillic32)]), Telegram).Buttons);
        Assert.Null(MenuRenderer.Fit(new TextContent("x", [Choice("a", cyrillic33)]), Telegram).Buttons);
    }

    [Fact]
    public void A_link_button_on_a_channel_without_link_buttons_becomes_a_line_with_its_url()
    {
        var content = new TextContent("Your order", [new Button("Track", Url: "https://shop.example/track/1"), Choice("Operator")]);

        var fitted = MenuRenderer.Fit(content, WhatsApp);

        Assert.Null(fitted.Buttons);
        Assert.Equal("Your order\n\nTrack: https://shop.example/track/1\n1. Operator", fitted.Text);
    }

    [Fact]
    public void A_channel_without_buttons_gets_every_menu_as_numbered_lines()
    {
        var textOnly = Telegram with { MaxButtons = 0 };

        var fitted = MenuRenderer.Fit(new TextContent("Pick", [Choice("Yes")]), textOnly);

        Assert.Equal("Pick\n\n1. Yes", fitted.Text);
    }
}
