using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Outbound;
using Conversations.Grains.Scheduling;
using Conversations.Persistence.Scheduling;
using Conversations.Testing;
using Conversations.Testing.Meta;

namespace Conversations.Channels.Meta.Tests;

/// <summary>
/// The WhatsApp host on PostgreSQL whose silo polls scheduled messages only when a test says so (its poll interval is
/// longer than any test moves the clock), so each test plays the silos' polls and deaths itself on the fake clock.
/// </summary>
public sealed class ScheduledOnPostgresFixture : WhatsAppGatewayFixture
{
    private readonly PostgresDatabase _database = new();

    protected override string? Postgres => _database.ConnectionString;

    public ScheduledMessageDispatcher Dispatcher => App.Service<ScheduledMessageDispatcher>();

    public IScheduledMessageStore Store => App.Service<IScheduledMessageStore>();

    /// <summary>The business's CRM with an API key, made before any test moves the clock (sign-ins are checked against real time).</summary>
    public HttpClient Crm { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await base.InitializeAsync();
        Crm = await BusinessMessageTests.CrmAsync(this);
    }

    public override async Task DisposeAsync()
    {
        Crm.Dispose();
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [new("Conversations:ScheduledMessages:PollInterval", "30.00:00:00"), new("Conversations:ScheduledMessages:Lease", "00:02:00")];
}

/// <summary>
/// Scheduled messages (<c>POST /api/v1/messages</c> with <c>sendAt</c>) on real PostgreSQL and a fake clock: nothing
/// fires before its time, a cancelled one never fires, one whose claiming silo died mid-send is taken over after the
/// lease and sent exactly once, and the channel rules are judged at send time.
/// </summary>
public sealed class ScheduledMessageTests(ScheduledOnPostgresFixture whatsApp) : IClassFixture<ScheduledOnPostgresFixture>
{
    [Fact]
    public async Task A_reminder_fires_once_at_its_time_even_when_the_silo_that_claimed_it_died_after_sending_and_a_cancelled_one_never_fires()
    {
        var customer = await CustomerWritesAsync();
        var crm = whatsApp.Crm;
        var at = whatsApp.Clock.GetUtcNow().AddHours(2);
        var reminder = await ScheduleAsync(crm, customer, "Reminder: your appointment is tomorrow at 10:00", at);
        var cancelled = await ScheduleAsync(crm, customer, "Cancelled reminder", at);
        var cancel = await crm.DeleteAsync($"/api/v1/messages/scheduled/{cancelled}");
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("Cancelled", (await cancel.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        whatsApp.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await whatsApp.Dispatcher.RunOnceAsync());
        Assert.Equal("Scheduled", await StatusAsync(crm, reminder));

        // Silo A claims the due row and sends it, then dies before recording the outcome.
        whatsApp.Clock.Advance(TimeSpan.FromHours(1));
        var claimed = await whatsApp.Store.ClaimDueAsync(whatsApp.Clock.GetUtcNow(), TimeSpan.FromMinutes(2), 10);
        var row = Assert.Single(claimed, r => r.Id == reminder);
        Assert.DoesNotContain(claimed, r => r.Id == cancelled);
        var first = await whatsApp.App.Grains.GetGrain<ICustomerGrain>(new CustomerKey(row.TenantId, row.CustomerId).ToGrainKey())
            .SendBusinessMessageAsync(new BusinessMessage(ScheduledMessageDispatcher.SendKey(row.Id), new TextContent("Reminder: your appointment is tomorrow at 10:00"), []));
        // Silo A's send is delivered before the clock jumps past the leases: a jump while it is still on its way would
        // also outlast the outbox's 30 s delivery lease, and the outbox would send it again "maybe sent" (its documented
        // rule for a send that outlives its lease), which is not what this test is about.
        await Eventually.HoldsAsync(() => Task.FromResult(Texts(customer).Contains("Reminder: your appointment is tomorrow at 10:00")), "silo A's send delivered");

        Assert.Equal(0, await whatsApp.Dispatcher.RunOnceAsync()); // the lease is still silo A's
        whatsApp.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(1, await whatsApp.Dispatcher.RunOnceAsync()); // silo B takes it over
        Assert.Equal(0, await whatsApp.Dispatcher.RunOnceAsync());

        var status = await crm.GetFromJsonAsync<JsonElement>($"/api/v1/messages/scheduled/{reminder}");
        Assert.Equal("Sent", status.GetProperty("status").GetString());
        Assert.Equal(first.MessageId, status.GetProperty("messageId").GetGuid());
        Assert.Equal("Cancelled", await StatusAsync(crm, cancelled));
        await Eventually.HoldsAsync(() => Task.FromResult(Texts(customer).Contains("Reminder: your appointment is tomorrow at 10:00")), "the reminder sent");
        Assert.Single(Texts(customer), t => t == "Reminder: your appointment is tomorrow at 10:00");
        Assert.DoesNotContain("Cancelled reminder", Texts(customer));
        Assert.Equal(HttpStatusCode.Conflict, (await crm.DeleteAsync($"/api/v1/messages/scheduled/{reminder}")).StatusCode);
    }

    [Fact]
    public async Task Channel_rules_are_judged_at_send_time_and_the_status_names_the_rule_that_refused()
    {
        var customer = await CustomerWritesAsync();
        var crm = whatsApp.Crm;
        var late = await ScheduleAsync(crm, customer, "After the window", whatsApp.Clock.GetUtcNow().AddHours(30));

        whatsApp.Clock.Advance(TimeSpan.FromHours(30));
        Assert.True(await whatsApp.Dispatcher.RunOnceAsync() >= 1);

        var status = await crm.GetFromJsonAsync<JsonElement>($"/api/v1/messages/scheduled/{late}");
        Assert.Equal("Refused", status.GetProperty("status").GetString());
        Assert.Equal("whatsapp.24h_window", status.GetProperty("rule").GetString());
        Assert.DoesNotContain("After the window", Texts(customer));
    }

    [Fact]
    public async Task The_same_key_schedules_once_bad_times_are_400s_and_another_tenant_sees_a_404()
    {
        var customer = await CustomerWritesAsync();
        var crm = whatsApp.Crm;
        var key = Guid.NewGuid().ToString();
        var body = new { identity = BusinessMessageTests.Identity(customer), text = "Once", sendAt = "2099-01-01T10:00" };
        var at = whatsApp.Clock.GetUtcNow().AddDays(2).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
        var first = await BusinessMessageTests.SendAsync(crm, key, body with { sendAt = at });
        var again = await BusinessMessageTests.SendAsync(crm, key, body with { sendAt = at });
        var tooFar = await BusinessMessageTests.SendAsync(crm, Guid.NewGuid().ToString(), body);
        var noTime = await BusinessMessageTests.SendAsync(crm, Guid.NewGuid().ToString(), body with { sendAt = "tomorrow" });

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var id = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var repeat = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(id, repeat.GetProperty("id").GetGuid());
        Assert.True(repeat.GetProperty("duplicate").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, tooFar.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noTime.StatusCode);
        Assert.Contains("sendAt", await noTime.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        (await whatsApp.Http.PostAsJsonAsync("/api/v1/platform/tenants", new { slug = "elsewhere", name = "Elsewhere", adminUsername = "admin", adminPassword = "admin-password" })).EnsureSuccessStatusCode();
        using var other = await ApiSession.SignInAsync(whatsApp.App.CreateClient(), "elsewhere", "admin", "admin-password");
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/api/v1/messages/scheduled/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.DeleteAsync($"/api/v1/messages/scheduled/{id}")).StatusCode);
        Assert.Equal("Scheduled", await StatusAsync(crm, id));
    }

    private async Task<string> CustomerWritesAsync()
    {
        var customer = WhatsAppGatewayFixture.NewCustomer();
        await whatsApp.DeliverAsync(WhatsAppGatewayFixture.OneMessage(GraphApiStandIn.Text(customer, WhatsAppGatewayFixture.NewMessageId(), "hello")));
        await WhatsAppTemplateTests.ConversationIdAsync(whatsApp, customer);
        return customer;
    }

    private static async Task<Guid> ScheduleAsync(HttpClient crm, string customer, string text, DateTimeOffset at)
    {
        var response = await BusinessMessageTests.SendAsync(crm, Guid.NewGuid().ToString(),
            new { identity = BusinessMessageTests.Identity(customer), text, sendAt = at.ToString("O", CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var scheduled = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Scheduled", scheduled.GetProperty("status").GetString());
        return scheduled.GetProperty("id").GetGuid();
    }

    private static async Task<string?> StatusAsync(HttpClient crm, Guid id) =>
        (await crm.GetFromJsonAsync<JsonElement>($"/api/v1/messages/scheduled/{id}")).GetProperty("status").GetString();

    private List<string?> Texts(string waId) => BusinessMessageTests.Texts(whatsApp, waId);
}
