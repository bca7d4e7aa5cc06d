using System.Text.Json;
using Conversations.Abstractions.Tenants;
using Conversations.Grains.Conversations;

namespace Conversations.Grains.Tests;

/// <summary>What a handoff tells the customer and the business, without a grain.</summary>
public sealed class HandoffNoticeTests
{
    private static readonly TenantSettings Office = TenantSettings.Default with
    {
        WorkingHours = new WorkingHours("UTC", new Dictionary<DayOfWeek, IReadOnlyList<string>> { [DayOfWeek.Monday] = ["09:00-18:00"] }, []),
    };

    [Fact]
    public void In_working_hours_the_customer_is_told_a_specialist_will_join()
    {
        var notice = HandoffNotice.ToCustomer(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero), Office);

        Assert.Equal(Office.Text(TenantTexts.HandoffNotified), notice.Text);
        Assert.True(notice.Buttons is null or { Count: 0 });
    }

    [Fact]
    public void Outside_working_hours_the_customer_is_told_when_operators_are_back_and_offered_a_message_or_a_callback()
    {
        var notice = HandoffNotice.ToCustomer(new DateTimeOffset(2026, 11, 23, 20, 0, 0, TimeSpan.Zero), Office);

        Assert.Contains("30.11 09:00", notice.Text, StringComparison.Ordinal);
        Assert.Equal([WaitingRoom.LeaveMessagePayload, WaitingRoom.CallbackPayload], notice.Buttons!.Select(b => b.Payload));
    }

    [Fact]
    public void An_english_tenants_customer_hears_the_out_of_hours_notice_its_buttons_and_the_time_in_english()
    {
        var english = Office with { Language = "en" };

        var notice = HandoffNotice.ToCustomer(new DateTimeOffset(2026, 11, 23, 20, 0, 0, TimeSpan.Zero), english);

        Assert.Equal(TenantTexts.English[TenantTexts.HandoffOutOfHours].Replace("{nextOpening}", "Nov 30, 09:00", StringComparison.Ordinal), notice.Text);
        Assert.Equal(["Leave a message", "Call me back"], notice.Buttons!.Select(b => b.Label));
    }

    [Fact]
    public void Every_customer_text_has_a_default_in_every_language_with_the_same_placeholders()
    {
        var keys = TenantTexts.Defaults.Keys.Order().ToList();
        foreach (var language in TenantTexts.Languages)
        {
            var defaults = TenantTexts.DefaultsFor(language);
            Assert.Equal(keys, defaults.Keys.Order().ToList());
            foreach (var key in keys)
            {
                Assert.False(string.IsNullOrWhiteSpace(defaults[key]), $"{language} {key} is empty");
                Assert.Equal(Placeholders(TenantTexts.Defaults[key]), Placeholders(defaults[key]));
            }
        }

        Assert.NotEqual(TenantTexts.Defaults[TenantTexts.HandoffNotified], TenantTexts.English[TenantTexts.HandoffNotified]);
    }

    [Fact]
    public void A_language_without_default_texts_is_refused_naming_the_field() =>
        Assert.Contains((TenantSettings.Default with { Language = "de" }).Problems(), p => p.StartsWith("language:", StringComparison.Ordinal));

    private static List<string> Placeholders(string text) =>
        [.. System.Text.RegularExpressions.Regex.Matches(text, @"\{[a-zA-Z.]+\}").Select(m => m.Value).Order()];

    [Fact]
    public void The_business_gets_who_waits_why_and_where_in_text_and_json()
    {
        var conversation = Guid.NewGuid();

        var notice = HandoffNotice.ToBusiness(Guid.NewGuid(), conversation, Guid.NewGuid(), "Anna", ["+79161234567"], "Telegram", "asked for a human",
            new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

        Assert.Contains("Anna", notice.Subject, StringComparison.Ordinal);
        Assert.Contains(conversation.ToString(), notice.Body, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(notice.Json);
        Assert.Equal("operator_requested", json.RootElement.GetProperty("event").GetString());
        Assert.Equal("+79161234567", json.RootElement.GetProperty("phones")[0].GetString());
        Assert.Equal("asked for a human", json.RootElement.GetProperty("reason").GetString());
    }
}
