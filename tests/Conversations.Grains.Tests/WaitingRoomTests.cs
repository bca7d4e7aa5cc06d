using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Tenants;
using Conversations.Grains.Conversations;

namespace Conversations.Grains.Tests;

/// <summary>What a customer waiting for an operator is told, without a grain.</summary>
public sealed class WaitingRoomTests
{
    private static readonly DateTimeOffset MondayMorning = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);

    private static readonly TenantSettings Office = TenantSettings.Default with
    {
        WorkingHours = new WorkingHours("UTC",
            new Dictionary<DayOfWeek, IReadOnlyList<string>>
            {
                [DayOfWeek.Monday] = ["09:00-18:00"],
                [DayOfWeek.Tuesday] = ["09:00-18:00"],
            }, []),
    };

    private static string Text(MessageContent content) => Assert.IsType<TextContent>(content).Text;

    [Fact]
    public void Leaving_a_message_is_acknowledged_and_changes_nothing_else()
    {
        var answer = WaitingRoom.Answer(new ButtonPressContent(WaitingRoom.LeaveMessagePayload, null), awaitingCallbackPhone: false, hasPhone: false, MondayMorning, Office);

        Assert.Equal(Office.Text(TenantTexts.MessageLeft), Text(Assert.Single(answer.Replies)));
        Assert.False(answer.AwaitingCallbackPhone);
        Assert.Null(answer.CallbackAt);
    }

    [Fact]
    public void A_callback_request_without_a_phone_asks_for_one_and_waits_for_it()
    {
        var answer = WaitingRoom.Answer(new ButtonPressContent(WaitingRoom.CallbackPayload, null), awaitingCallbackPhone: false, hasPhone: false, MondayMorning, Office);

        Assert.Equal(Office.Text(TenantTexts.CallbackNeedsPhone), Text(Assert.Single(answer.Replies)));
        Assert.True(answer.AwaitingCallbackPhone);
    }

    [Fact]
    public void A_callback_request_with_a_phone_offers_the_next_three_whole_working_hours()
    {
        var answer = WaitingRoom.Answer(new ButtonPressContent(WaitingRoom.CallbackPayload, null), awaitingCallbackPhone: false, hasPhone: true, MondayMorning, Office);

        var offer = Assert.IsType<TextContent>(Assert.Single(answer.Replies));
        Assert.Equal(["23.11 10:00", "23.11 11:00", "23.11 12:00"], offer.Buttons!.Select(b => b.Label));
        Assert.All(offer.Buttons!, b => Assert.StartsWith(WaitingRoom.CallbackSlotPrefix, b.Payload, StringComparison.Ordinal));
        Assert.False(answer.AwaitingCallbackPhone);
    }

    [Fact]
    public void Callback_slots_skip_the_hours_nobody_works()
    {
        var mondayEvening = new DateTimeOffset(2026, 11, 23, 16, 45, 0, TimeSpan.Zero);

        var answer = WaitingRoom.Answer(new ButtonPressContent(WaitingRoom.CallbackPayload, null), awaitingCallbackPhone: false, hasPhone: true, mondayEvening, Office);

        var offer = Assert.IsType<TextContent>(Assert.Single(answer.Replies));
        Assert.Equal(["23.11 17:00", "24.11 09:00", "24.11 10:00"], offer.Buttons!.Select(b => b.Label));
    }

    [Fact]
    public void A_typed_phone_while_one_is_awaited_is_recorded_and_answered_with_the_slots()
    {
        var answer = WaitingRoom.Answer(new TextContent("+7 916 123-45-67"), awaitingCallbackPhone: true, hasPhone: false, MondayMorning, Office);

        Assert.NotNull(answer.PhoneToRecord);
        Assert.Equal(3, Assert.IsType<TextContent>(Assert.Single(answer.Replies)).Buttons!.Count);
        Assert.False(answer.AwaitingCallbackPhone);
    }

    [Fact]
    public void Choosing_a_slot_sets_the_callback_and_confirms_it_in_the_tenants_time_zone()
    {
        var at = new DateTimeOffset(2026, 11, 23, 11, 0, 0, TimeSpan.Zero);
        var moscow = Office with { WorkingHours = Office.WorkingHours with { TimeZone = "Europe/Moscow" } };

        var answer = WaitingRoom.Answer(new ButtonPressContent(WaitingRoom.CallbackSlotPrefix + at.ToString("O", System.Globalization.CultureInfo.InvariantCulture), null),
            awaitingCallbackPhone: false, hasPhone: true, MondayMorning, moscow);

        Assert.Equal(at, answer.CallbackAt);
        Assert.Contains("23.11 14:00", Text(Assert.Single(answer.Replies)), StringComparison.Ordinal);
    }

    [Fact]
    public void Anything_else_waits_for_the_operator_with_no_reply()
    {
        var answer = WaitingRoom.Answer(new TextContent("where is my order?"), awaitingCallbackPhone: false, hasPhone: false, MondayMorning, Office);

        Assert.Empty(answer.Replies);
        Assert.Null(answer.PhoneToRecord);
        Assert.Null(answer.CallbackAt);
    }
}
