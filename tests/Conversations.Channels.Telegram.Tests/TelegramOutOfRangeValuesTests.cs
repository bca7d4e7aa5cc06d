using System.Text;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Telegram.Inbound;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.Channels.Telegram.Tests;

/// <summary>Values no real client sends but a forged or broken update may: read and mapped without a 500 or a poisoned row.</summary>
public sealed class TelegramOutOfRangeValuesTests
{
    private static readonly ChannelAccount Bot = new(new ChannelAccountKey(ChannelKind.Telegram, "777000"), Guid.NewGuid(), "@shop_bot",
        InboundMode.Webhook, "777000:token", "secret", true);

    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private readonly TelegramUpdateMapper _mapper = new(Options.Create(new TelegramOptions()), new FakeTimeProvider(Now));

    private InboundMessage MapLocation(string latitude = "55.751244", string date = "1790000000")
    {
        var json = Fixture.Load("location", 501)
            .Replace("\"latitude\":55.751244", $"\"latitude\":{latitude}", StringComparison.Ordinal)
            .Replace("\"date\":1790000000", $"\"date\":{date}", StringComparison.Ordinal);
        var update = TelegramUpdateJson.Read(Encoding.UTF8.GetBytes(json))!;
        return Assert.IsType<TelegramInboundMessage>(_mapper.Map(update, Bot)).Message;
    }

    [Theory]
    [InlineData("1e309")]
    [InlineData("-1e309")]
    [InlineData("91")]
    public void A_location_off_the_globe_is_kept_as_an_invalid_location_not_stored_as_a_number(string latitude)
    {
        var content = MapLocation(latitude).Content;

        Assert.Equal("invalid_location", Assert.IsType<UnsupportedContent>(content).Kind);
    }

    [Theory]
    [InlineData("99999999999999")]
    [InlineData("253402300800")]
    [InlineData("-99999999999")]
    public void A_date_out_of_range_is_read_and_the_message_kept_with_the_time_of_receipt(string date)
    {
        var message = MapLocation(date: date);

        Assert.Equal(Now, message.SentAt);
        Assert.IsType<LocationContent>(message.Content);
    }

    [Fact]
    public void A_date_in_range_is_kept()
    {
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1790000000), MapLocation().SentAt);
    }

    [Fact]
    public void A_body_with_bytes_that_are_not_utf8_inside_a_string_is_malformed_not_a_crash()
    {
        var body = Encoding.UTF8.GetBytes("""{"update_id":1,"message":{"message_id":1,"date":1790000000,"chat":{"id":5,"type":"private"},"text":"ab__"}}""");
        var at = Array.IndexOf(body, (byte)'_');
        body[at] = 0xC3; // a lead byte
        body[at + 1] = 0x28; // not a continuation byte

        var error = Assert.Throws<System.Text.Json.JsonException>(() => TelegramUpdateJson.Read(body));
        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
    }
}
