using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;

namespace Conversations.Channels.Tests;

public sealed class ChannelCatalogTests
{
    [Fact]
    public void Every_entry_describes_its_own_kind_with_rates_and_media_stated()
    {
        foreach (var kind in ChannelCatalog.Kinds)
        {
            var channel = ChannelCatalog.For(kind);
            Assert.Equal(kind, channel.Kind);
            Assert.NotNull(channel.Rates);
            Assert.NotNull(channel.Media);
        }
    }

    [Fact]
    public void Viber_states_its_text_keyboard_and_picture_limits_and_no_idempotency_key()
    {
        var viber = ChannelCatalog.For(ChannelKind.Viber);

        Assert.Equal((7000, 12, 40), (viber.MaxTextLength, viber.MaxButtons, viber.MaxButtonLabelLength));
        Assert.True(viber.SupportsLinkButtons);
        Assert.Equal(1024L * 1024, viber.MaxMediaBytes(MediaKind.Image));
        Assert.Equal(27_262_976L, viber.MaxMediaBytes(MediaKind.Video));
        Assert.Equal(52_428_800L, viber.MaxMediaBytes(MediaKind.Document));
        Assert.False(viber.SendIdempotencyKey);
    }

    [Fact]
    public void Telegram_states_the_limits_its_sender_keeps_to()
    {
        var telegram = ChannelCatalog.For(ChannelKind.Telegram);

        Assert.Equal((4096, 100, 64, 64), (telegram.MaxTextLength, telegram.MaxButtons, telegram.MaxButtonLabelLength, telegram.MaxButtonPayloadBytes));
        Assert.Equal(10L * 1024 * 1024, telegram.MaxMediaBytes(MediaKind.Image));
        Assert.False(telegram.SendIdempotencyKey);
    }

    [Fact]
    public void Vk_states_its_inline_keyboard_text_limit_rate_and_random_id()
    {
        var vk = ChannelCatalog.For(ChannelKind.Vk);

        Assert.Equal((9000, 10, 40, 247), (vk.MaxTextLength, vk.MaxButtons, vk.MaxButtonLabelLength, vk.MaxButtonPayloadBytes));
        Assert.True(vk.SupportsLinkButtons);
        Assert.Equal(20, vk.Rates!.PerAccountPerSecond);
        Assert.Equal(200L * 1024 * 1024, vk.MaxMediaBytes(MediaKind.Document));
        Assert.True(vk.SendIdempotencyKey);
    }

    [Fact]
    public void Email_has_no_window_no_buttons_and_paces_each_recipient_against_auto_responder_loops()
    {
        var email = ChannelCatalog.For(ChannelKind.Email);

        Assert.Equal(0, email.MaxButtons);
        Assert.Null(email.Window.WindowFor(humanOperator: false));
        Assert.Null(email.Window.WindowFor(humanOperator: true));
        Assert.Equal((0.1, 3), (email.Rates!.PerRecipientPerSecond, email.Rates.PerRecipientBurst));
        Assert.Equal(25L * 1024 * 1024, email.MaxMediaBytes(MediaKind.Document));
        Assert.Equal("em", Conversations.Channels.Webhooks.InboundDedupKey.Prefix(ChannelKind.Email));
    }

    [Fact]
    public void WhatsApp_states_three_reply_buttons_and_its_24_hour_window()
    {
        var whatsApp = ChannelCatalog.For(ChannelKind.WhatsApp);

        Assert.Equal((3, 20, 256), (whatsApp.MaxButtons, whatsApp.MaxButtonLabelLength, whatsApp.MaxButtonPayloadBytes));
        Assert.False(whatsApp.SupportsLinkButtons);
        Assert.Equal(TimeSpan.FromHours(24), whatsApp.Window.WindowFor(humanOperator: false));
        Assert.Equal(TimeSpan.FromHours(24), whatsApp.Window.WindowFor(humanOperator: true));
    }

    [Fact]
    public void Instagram_states_13_quick_replies_no_files_and_the_messenger_windows()
    {
        var instagram = ChannelCatalog.For(ChannelKind.Instagram);

        Assert.Equal((13, 20), (instagram.MaxButtons, instagram.MaxButtonLabelLength));
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(new string('ж', instagram.MaxTextLength)) <= 1000);
        Assert.Null(instagram.MaxMediaBytes(MediaKind.Document));
        Assert.Equal(8L * 1024 * 1024, instagram.MaxMediaBytes(MediaKind.Image));
        Assert.Equal(TimeSpan.FromHours(24), instagram.Window.WindowFor(humanOperator: false));
        Assert.Equal(TimeSpan.FromDays(7), instagram.Window.WindowFor(humanOperator: true));
        Assert.Equal(300, instagram.Rates!.PerAccountPerSecond);
        Assert.Equal(300, ChannelCatalog.For(ChannelKind.Messenger).Rates!.PerAccountPerSecond);
    }

    [Fact]
    public void FitsAsButtons_refuses_too_many_buttons_an_uncarried_link_or_a_payload_too_long()
    {
        var whatsApp = ChannelCatalog.For(ChannelKind.WhatsApp);

        Assert.True(whatsApp.FitsAsButtons([new Button("A", "a"), new Button("B", "b"), new Button("C", "c")]));
        Assert.False(whatsApp.FitsAsButtons([new Button("A", "a"), new Button("B", "b"), new Button("C", "c"), new Button("D", "d")]));
        Assert.False(whatsApp.FitsAsButtons([new Button("Site", Url: "https://example.com")]));
        Assert.False(whatsApp.FitsAsButtons([new Button("A", new string('a', 257))]));
        Assert.False(whatsApp.FitsAsButtons([]));
    }
}
