using System.Text.Json;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Telegram.Inbound;
using Conversations.Grains.Channels;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Conversations.Channels.Telegram.Tests;

/// <summary>Every supported Update kind, and hostile ones, mapped at the edge.</summary>
public sealed class TelegramUpdateMapperTests
{
    private static readonly ChannelAccount Bot = new(new ChannelAccountKey(ChannelKind.Telegram, "777000"), Guid.NewGuid(), "@shop_bot",
        InboundMode.Webhook, "777000:token", "secret", true);

    private readonly TelegramUpdateMapper _mapper = new(Options.Create(new TelegramOptions { MaxTextLength = 16_384 }), TimeProvider.System);

    private TelegramInbound Map(string fixture, long userId = 501, string text = "", int updateId = 42) =>
        _mapper.Map(JsonSerializer.Deserialize<Update>(Fixture.Load(fixture, userId, updateId, text), JsonBotAPI.Options)!, Bot);

    private static InboundMessageAssert Message(TelegramInbound inbound) => new(Assert.IsType<TelegramInboundMessage>(inbound));

    [Fact]
    public void A_text_message_becomes_text_from_the_sender_with_the_update_id_as_dedup_key()
    {
        var message = Message(Map("text", userId: 501, text: "Где мой заказ?", updateId: 42)).Value.Message;

        Assert.Equal("Где мой заказ?", Assert.IsType<TextContent>(message.Content).Text);
        Assert.Equal(new ChannelIdentityKey(Bot.TenantId, ChannelKind.Telegram, "777000", "501"), message.Identity);
        Assert.Equal(new ChannelAddress(ChannelKind.Telegram, "777000", "501"), message.ReplyTo);
        Assert.Equal("tg:777000:42", message.DedupKey);
        Assert.Equal("Анна Петрова", message.Sender.DisplayName);
        Assert.Equal("anna_p", message.Sender.Username);
        Assert.Equal("ru", message.Sender.LanguageCode);
    }

    [Fact]
    public void A_start_deep_link_keeps_its_payload()
    {
        var message = Message(Map("start_deep_link")).Value.Message;

        Assert.Equal("/start order-12345", Assert.IsType<TextContent>(message.Content).Text);
    }

    [Fact]
    public void A_photo_keeps_the_largest_size_and_the_caption()
    {
        var image = Assert.IsType<ImageContent>(Message(Map("photo")).Value.Message.Content);

        Assert.Equal("large-file", image.FileId);
        Assert.Equal("Broken box on arrival", image.Caption);
    }

    [Fact]
    public void A_document_keeps_file_id_name_and_type()
    {
        var document = Assert.IsType<DocumentContent>(Message(Map("document")).Value.Message.Content);

        Assert.Equal(("doc-file-id", "invoice.pdf", "application/pdf", "My invoice"), (document.FileId, document.FileName, document.MimeType, document.Caption));
    }

    [Fact]
    public void A_location_keeps_its_coordinates()
    {
        var location = Assert.IsType<LocationContent>(Message(Map("location")).Value.Message.Content);

        Assert.Equal((55.751244, 37.618423), (location.Latitude, location.Longitude));
    }

    [Fact]
    public void A_shared_contact_keeps_phone_and_the_user_it_belongs_to()
    {
        var contact = Assert.IsType<ContactContent>(Message(Map("contact", userId: 909)).Value.Message.Content);

        Assert.Equal(("+79001234567", "909"), (contact.PhoneNumber, contact.ExternalUserId));
    }

    [Fact]
    public void Only_a_contact_of_the_sender_themselves_vouches_for_a_phone()
    {
        var own = Message(Map("contact", userId: 909)).Value.Message;
        var someoneElses = Message(Map("contact_of_someone_else", userId: 909)).Value.Message;
        var text = Message(Map("text", userId: 909, text: "+79001234567")).Value.Message;

        Assert.Equal("+79001234567", own.Verified?.Phone);
        Assert.Null(someoneElses.Verified);
        Assert.Null(text.Verified);
    }

    [Fact]
    public void A_callback_query_becomes_a_button_press_with_its_label_and_the_query_to_answer()
    {
        var inbound = Message(Map("callback_query", updateId: 43)).Value;

        var press = Assert.IsType<ButtonPressContent>(inbound.Message.Content);
        Assert.Equal(("menu:orders", "Order status"), (press.Payload, press.Label));
        Assert.Equal("cbq-43", inbound.CallbackQueryId);
        Assert.Equal("tg:777000:43", inbound.Message.DedupKey);
    }

    [Fact]
    public void An_edited_message_becomes_an_edit_of_the_original_message_id()
    {
        var edit = Assert.IsType<TelegramInboundEdit>(Map("edited_message", text: "fixed text")).Edit;

        Assert.Equal("1", edit.ChannelMessageId);
        Assert.Equal("fixed text", Assert.IsType<TextContent>(edit.NewContent).Text);
    }

    [Fact]
    public void Blocking_the_bot_makes_the_identity_unreachable()
    {
        var change = Assert.IsType<TelegramReachabilityChange>(Map("my_chat_member_kicked", userId: 808));

        Assert.False(change.Reachable);
        Assert.Equal("808", change.Identity.ExternalUserId);
    }

    [Fact]
    public void Group_chats_are_ignored_by_default()
    {
        Assert.IsType<TelegramIgnored>(Map("group_message"));
    }

    [Theory]
    [InlineData("sticker", "sticker")]
    [InlineData("voice", "voice")]
    public void Other_kinds_are_kept_as_unsupported_with_their_kind(string fixture, string kind)
    {
        var unsupported = Assert.IsType<UnsupportedContent>(Message(Map(fixture)).Value.Message.Content);

        Assert.Equal(kind, unsupported.Kind);
    }

    [Fact]
    public void Unknown_fields_do_not_break_parsing()
    {
        Assert.Equal("still readable", Assert.IsType<TextContent>(Message(Map("unknown_fields")).Value.Message.Content).Text);
    }

    [Fact]
    public void A_message_without_a_sender_is_ignored_not_an_error()
    {
        Assert.IsType<TelegramIgnored>(Map("missing_from"));
    }

    [Fact]
    public void Update_kinds_the_platform_does_not_serve_are_ignored()
    {
        Assert.IsType<TelegramIgnored>(Map("inline_query"));
    }

    [Theory]
    [InlineData("🙂 שלום עולם مرحبا \u202Ereversed")]
    [InlineData("'); DROP TABLE messages; -- <script>alert('x')</script> &amp;")]
    public void Hostile_and_exotic_text_is_kept_verbatim(string text)
    {
        Assert.Equal(text, Assert.IsType<TextContent>(Message(Map("text", text: text)).Value.Message.Content).Text);
    }

    [Fact]
    public void NUL_characters_are_removed_and_huge_text_is_cut_to_the_limit()
    {
        var huge = new string('я', 50_000);

        Assert.Equal("ab", Assert.IsType<TextContent>(Message(Map("text", text: "a\0b")).Value.Message.Content).Text);
        Assert.Equal(16_384, Assert.IsType<TextContent>(Message(Map("text", text: huge)).Value.Message.Content).Text.Length);
    }

    private readonly record struct InboundMessageAssert(TelegramInboundMessage Value);
}
