using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Conversations.Testing;
using Conversations.Testing.Meta;

namespace Conversations.Channels.Meta.Tests;

/// <summary>
/// <c>sendAt</c> in the tenant's time zone: a time without an offset is a wall-clock time in its working hours' zone,
/// and <c>withinWorkingHours</c> moves a time outside them to the next opening.
/// </summary>
public sealed class ScheduledWorkingHoursTests(WhatsAppGatewayFixture whatsApp) : IClassFixture<WhatsAppGatewayFixture>
{
    [Fact]
    public async Task A_local_time_is_read_in_the_tenants_zone_and_within_working_hours_moves_to_the_next_opening()
    {
        using (var admin = await WhatsAppTemplateTests.SignInAsync(whatsApp))
        {
            var week = string.Join(", ", Enum.GetNames<DayOfWeek>().Select(d => $"\"{d}\": [\"09:00-18:00\"]"));
            var body = "{\"workingHours\": {\"timeZone\": \"Europe/Moscow\", \"week\": {" + week + "}}}";
            using var patch = new StringContent(body, Encoding.UTF8, "application/merge-patch+json");
            (await admin.Http.PatchAsync("/api/v1/admin/settings", patch)).EnsureSuccessStatusCode();
        }

        var customer = WhatsAppGatewayFixture.NewCustomer();
        await whatsApp.DeliverAsync(WhatsAppGatewayFixture.OneMessage(GraphApiStandIn.Text(customer, WhatsAppGatewayFixture.NewMessageId(), "hello")));
        await WhatsAppTemplateTests.ConversationIdAsync(whatsApp, customer);
        using var crm = await BusinessMessageTests.CrmAsync(whatsApp);
        var day = DateOnly.FromDateTime(whatsApp.Clock.GetUtcNow().UtcDateTime).AddDays(2);
        var evening = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T22:00";

        var asked = await SendAtAsync(crm, customer, evening, within: false);
        var moved = await SendAtAsync(crm, customer, evening, within: true);

        Assert.Equal(new DateTimeOffset(day.ToDateTime(new TimeOnly(19, 0)), TimeSpan.Zero), asked); // 22:00 in Moscow (UTC+3)
        Assert.Equal(new DateTimeOffset(day.AddDays(1).ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero), moved); // 09:00 the next day in Moscow
    }

    private static async Task<DateTimeOffset> SendAtAsync(HttpClient crm, string customer, string sendAt, bool within)
    {
        var response = await BusinessMessageTests.SendAsync(crm, Guid.NewGuid().ToString(),
            new { identity = BusinessMessageTests.Identity(customer), text = "Reminder", sendAt, withinWorkingHours = within });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sendAt").GetDateTimeOffset();
    }
}
