using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Customers;
using Conversations.Channels.EventsOut;
using Conversations.Grains.Campaigns;
using Conversations.Persistence.Campaigns;
using Conversations.Testing;
using Conversations.Testing.EventsOut;
using Conversations.Testing.Meta;

namespace Conversations.Channels.Meta.Tests;

/// <summary>
/// The WhatsApp host on PostgreSQL whose silo plans and sends campaigns only when a test says so (its poll interval is
/// longer than any test moves the clock), with the number paced at 2 messages a second and 2 recipients claimed per poll.
/// </summary>
public sealed class CampaignOnPostgresFixture : WhatsAppGatewayFixture
{
    private readonly PostgresDatabase _database = new();

    protected override string? Postgres => _database.ConnectionString;

    public CampaignDispatcher Dispatcher => App.Service<CampaignDispatcher>();

    public ICampaignStore Store => App.Service<ICampaignStore>();

    /// <summary>The business's CRM with an API key, made before any test moves the clock (sign-ins are checked against real time).</summary>
    public HttpClient Crm { get; private set; } = null!;

    /// <summary>An admin's API key (webhook subscriptions are an admin's).</summary>
    public HttpClient Admin { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await base.InitializeAsync();
        // What the settings below ask for, held on the options the dispatcher reads (whatever bound them first).
        var options = App.Service<Microsoft.Extensions.Options.IOptions<CampaignOptions>>().Value;
        (options.BatchSize, options.PlanBatch) = (2, 2);
        // The number's own budget: 2 messages a second (what the pacing test measures against).
        (await ConnectAsync(new { appId = AppId, phoneNumberId = PhoneNumberId, wabaId = WabaId, accessToken = Token, messagesPerSecond = 2 })).EnsureSuccessStatusCode();
        Crm = await BusinessMessageTests.CrmAsync(this);
        using var admin = await WhatsAppTemplateTests.SignInAsync(this);
        await Topics.DeclareAsync(admin.Http);
        var key = await (await admin.Http.PostAsJsonAsync("/api/v1/admin/api-keys", new { name = "crm-admin", role = "Admin" })).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Admin = App.CreateClient();
        Admin.DefaultRequestHeaders.Add("X-Api-Key", key.GetProperty("key").GetString());
    }

    public override async Task DisposeAsync()
    {
        Crm.Dispose();
        Admin.Dispose();
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
    [
        new("Conversations:Campaigns:PollInterval", "30.00:00:00"), new("Conversations:Campaigns:BatchSize", "2"), new("Conversations:Campaigns:PlanBatch", "2"),
        new("Conversations:ScheduledMessages:PollInterval", "30.00:00:00"), new("Auth:WritesPerSecond", "10000"), new("Outbound:AllowedNetworks:0", "127.0.0.0/8"),
    ];
}

/// <summary>
/// Campaigns (<c>/api/v1/campaigns</c>) on real PostgreSQL and a fake clock: the audience is the segment and nobody else,
/// an opted-out customer is not sent to, the outbox sends at the number's pace, pause holds and resume continues, cancel
/// stops, the counts match what happened, and another tenant sees none of it.
/// </summary>
public sealed class CampaignTests(CampaignOnPostgresFixture whatsApp) : IClassFixture<CampaignOnPostgresFixture>
{
    [Fact]
    public async Task A_campaign_reaches_its_segment_but_not_the_opted_out_at_the_numbers_pace_and_its_counts_match()
    {
        var crm = whatsApp.Crm;
        var tag = "vip-" + Guid.NewGuid().ToString("N")[..8];
        var segment = await CustomersAsync(5, tag);
        var outsider = (await CustomersAsync(1, null))[0];
        var optedOut = segment[0];
        (await crm.PostAsJsonAsync($"/api/v1/customers/{optedOut.Id}/subscriptions", new { topic = "offers", subscribed = false, source = "call" })).EnsureSuccessStatusCode();
        await QuietAsync();

        var campaign = await CreateAsync(new
        {
            name = "Winter sale", topic = "offers", audience = new { tags = new[] { tag.ToUpperInvariant() }, channels = new[] { "WhatsApp" } },
            channels = new[] { "WhatsApp" }, contents = new[] { new { text = "Winter sale: 20% off " + tag } },
        });
        Assert.Equal("Scheduled", campaign.GetProperty("status").GetString());
        var id = campaign.GetProperty("id").GetGuid();

        // Two polls (2 claimed each) hand 4 messages to the outbox; the opted-out customer is settled without one.
        while (await whatsApp.Dispatcher.RunOnceAsync() > 0)
        {
        }

        var counts = (await GetAsync(id)).GetProperty("counts");
        Assert.Equal(5, counts.GetProperty("planned").GetInt32());
        Assert.Equal(4, counts.GetProperty("sent").GetInt32());
        Assert.Equal(1, counts.GetProperty("optedOut").GetInt32());
        Assert.Equal(0, counts.GetProperty("waiting").GetInt32());

        // The clock stands still: the number's budget (2) goes out, the other two wait in the outbox for the next second.
        var text = "Winter sale: 20% off " + tag;
        await Eventually.HoldsAsync(async () => Sent(segment, text) == 2 && await whatsApp.Store.OpenOutboxAsync(whatsApp.TenantId) == 2, "two sent, two paced");
        Assert.Equal(2, Sent(segment, text));
        whatsApp.Clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.HoldsAsync(async () => Sent(segment, text) == 4 && await whatsApp.Store.OpenOutboxAsync(whatsApp.TenantId) == 0, "the rest sent a second later");

        Assert.Equal(0, Sent([optedOut], text));
        Assert.Equal(0, Sent([outsider], text));
        Assert.All(segment.Skip(1), c => Assert.Single(whatsApp.Graph.SentTo(WhatsAppGatewayFixture.PhoneNumberId, c.WaId),
            call => call.Field("interactive.body.text") == text && call.Field("interactive.action.buttons.0.reply.id") == "unsub:offers"));

        // A customer answers: the reply lands in their conversation, and the campaign counts it.
        var replier = segment[1];
        await whatsApp.DeliverAsync(WhatsAppGatewayFixture.OneMessage(GraphApiStandIn.Text(replier.WaId, WhatsAppGatewayFixture.NewMessageId(), "Is it for shoes too?")));
        await Eventually.HoldsAsync(async () => (await whatsApp.CustomerMessagesAsync(replier.WaId)).Any(m => m.Content is Abstractions.Messages.TextContent { Text: "Is it for shoes too?" }), "the reply stored");
        Assert.Equal(0, await whatsApp.Dispatcher.RunOnceAsync());
        var done = await GetAsync(id);
        Assert.Equal("Finished", done.GetProperty("status").GetString());
        Assert.Equal(1, done.GetProperty("counts").GetProperty("replied").GetInt32());

        var recipients = await crm.GetFromJsonAsync<JsonElement>($"/api/v1/campaigns/{id}/recipients?limit=10");
        Assert.Equal(5, recipients.GetArrayLength());
        var refusedOne = recipients.EnumerateArray().Single(r => r.GetProperty("customerId").GetGuid() == optedOut.Id);
        Assert.Equal("OptedOut", refusedOne.GetProperty("status").GetString());
        Assert.Equal("topic.unsubscribed", refusedOne.GetProperty("rule").GetString());
        Assert.All(recipients.EnumerateArray().Where(r => r.GetProperty("customerId").GetGuid() != optedOut.Id), r =>
        {
            Assert.Equal("Sent", r.GetProperty("status").GetString());
            Assert.Equal("WhatsApp", r.GetProperty("channel").GetString());
            Assert.Equal("Sent", r.GetProperty("delivery").GetString());
        });
        Assert.True(recipients.EnumerateArray().Single(r => r.GetProperty("customerId").GetGuid() == replier.Id).GetProperty("replied").GetBoolean());
        var optedOutOnly = await crm.GetFromJsonAsync<JsonElement>($"/api/v1/campaigns/{id}/recipients?status=optedout");
        Assert.Equal(optedOut.Id, Assert.Single(optedOutOnly.EnumerateArray()).GetProperty("customerId").GetGuid());
    }

    [Fact]
    public async Task Pause_holds_resume_continues_and_cancel_stops_with_every_recipient_counted_once_and_the_crm_hears_each_move()
    {
        var crm = whatsApp.Crm;
        await using var hooks = await WebhookReceiver.StartAsync();
        (await whatsApp.Admin.PostAsJsonAsync("/api/v1/admin/webhooks", new { url = hooks.Url, events = new[] { "campaign.started", "campaign.paused", "campaign.resumed", "campaign.cancelled", "campaign.finished" } }))
            .EnsureSuccessStatusCode();
        var tag = "pause-" + Guid.NewGuid().ToString("N")[..8];
        var segment = await CustomersAsync(3, tag);
        await QuietAsync();
        var body = new
        {
            name = "Order news", topic = "orders", audience = new { tags = new[] { tag } }, channels = new[] { "Telegram", "WhatsApp" },
            contents = new object[] { new { channel = "WhatsApp", text = "News for " + tag }, new { channel = "Telegram", text = "Telegram news " + tag } },
        };

        var paused = (await CreateAsync(body)).GetProperty("id").GetGuid();
        var settled = await whatsApp.Dispatcher.RunOnceAsync();
        var first = (await GetAsync(paused)).GetProperty("counts");
        Assert.True(first.GetProperty("sent").GetInt32() == 2 && first.GetProperty("waiting").GetInt32() == 1, $"settled {settled}: {first}");
        Assert.Equal("Paused", (await ActAsync(paused, "pause")).GetProperty("status").GetString());
        Assert.Equal(0, await whatsApp.Dispatcher.RunOnceAsync());
        Assert.Equal(1, (await GetAsync(paused)).GetProperty("counts").GetProperty("waiting").GetInt32());
        Assert.Equal("Running", (await ActAsync(paused, "resume")).GetProperty("status").GetString());
        Assert.Equal(1, await whatsApp.Dispatcher.RunOnceAsync());
        var finished = await GetAsync(paused);
        Assert.Equal("Finished", finished.GetProperty("status").GetString());
        Assert.Equal(3, finished.GetProperty("counts").GetProperty("sent").GetInt32());
        Assert.Equal(0, finished.GetProperty("counts").GetProperty("waiting").GetInt32());

        var cancelled = (await CreateAsync(body with { name = "Cancelled news" })).GetProperty("id").GetGuid();
        await whatsApp.Dispatcher.RunOnceAsync();
        Assert.Equal(2, (await GetAsync(cancelled)).GetProperty("counts").GetProperty("sent").GetInt32());
        Assert.Equal("Cancelled", (await ActAsync(cancelled, "cancel")).GetProperty("status").GetString());
        Assert.Equal(0, await whatsApp.Dispatcher.RunOnceAsync());
        var counts = (await GetAsync(cancelled)).GetProperty("counts");
        Assert.Equal(3, counts.GetProperty("planned").GetInt32());
        Assert.Equal(2, counts.GetProperty("sent").GetInt32());
        Assert.Equal(1, counts.GetProperty("cancelled").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, (await crm.PostAsync($"/api/v1/campaigns/{cancelled}/resume", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await crm.PostAsync($"/api/v1/campaigns/{cancelled}/pause", null)).StatusCode);

        // Each customer of the segment got the first campaign once and the cancelled one at most once, on WhatsApp
        // (no Telegram identity: that channel's rule refused and the next channel carried it).
        await Eventually.AdvanceUntilAsync(whatsApp.Clock, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20),
            () => Task.FromResult(Sent(segment, "News for " + tag) == 5), "five messages delivered");
        Assert.All(segment, c => Assert.InRange(Texts(c).Count(t => t == "News for " + tag), 1, 2));
        Assert.Equal(2, segment.Count(c => Texts(c).Count(t => t == "News for " + tag) == 2));
        var recipients = await crm.GetFromJsonAsync<JsonElement>($"/api/v1/campaigns/{cancelled}/recipients");
        Assert.Equal(["Cancelled", "Sent", "Sent"], recipients.EnumerateArray().Select(r => r.GetProperty("status").GetString()).Order());

        // campaign.* events, queued with each move and delivered in each campaign's order.
        await Eventually.HoldsAsync(async () =>
        {
            await whatsApp.App.Service<WebhookDispatcher>().DeliverDueAsync();
            return hooks.Received.Count(r => r.Type.StartsWith("campaign.", StringComparison.Ordinal)) >= 6;
        }, "six campaign events");
        string[] Moves(Guid campaign) => [.. hooks.Received.Where(r => r.Data.GetProperty("campaignId").GetGuid() == campaign).Select(r => r.Type)];
        Assert.Equal(["campaign.started", "campaign.paused", "campaign.resumed", "campaign.finished"], Moves(paused));
        Assert.Equal(["campaign.started", "campaign.cancelled"], Moves(cancelled));
        var finishedEvent = hooks.Received.Single(r => r.Type == "campaign.finished" && r.Data.GetProperty("campaignId").GetGuid() == paused);
        Assert.Equal(("Order news", "Finished", 3), (finishedEvent.Data.GetProperty("name").GetString(), finishedEvent.Data.GetProperty("status").GetString(),
            finishedEvent.Data.GetProperty("planned").GetInt32()));
    }

    [Fact]
    public async Task Another_tenant_neither_sees_nor_changes_a_campaign_nor_reaches_our_customers_and_bad_campaigns_are_400s_naming_the_field()
    {
        var crm = whatsApp.Crm;
        var tag = "iso-" + Guid.NewGuid().ToString("N")[..8];
        await CustomersAsync(1, tag);
        var ours = (await CreateAsync(new { name = "Ours", audience = new { tags = new[] { tag } }, channels = new[] { "WhatsApp" }, contents = new[] { new { text = "Ours" } },
            startAt = whatsApp.Clock.GetUtcNow().AddDays(1).ToString("O") })).GetProperty("id").GetGuid();

        (await whatsApp.Http.PostAsJsonAsync("/api/v1/platform/tenants", new { slug = "rival", name = "Rival", adminUsername = "admin", adminPassword = "admin-password" })).EnsureSuccessStatusCode();
        using var rival = await ApiSession.SignInAsync(whatsApp.App.CreateClient(), "rival", "admin", "admin-password");
        Assert.Equal(HttpStatusCode.NotFound, (await rival.Http.GetAsync($"/api/v1/campaigns/{ours}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rival.Http.GetAsync($"/api/v1/campaigns/{ours}/recipients")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rival.Http.PostAsync($"/api/v1/campaigns/{ours}/cancel", null)).StatusCode);
        Assert.Empty((await rival.Http.GetFromJsonAsync<JsonElement>("/api/v1/campaigns")).EnumerateArray());
        var theirs = await rival.Http.PostAsJsonAsync("/api/v1/campaigns", new { name = "Everyone", channels = new[] { "WhatsApp" }, contents = new[] { new { text = "Rival offer" } } });
        Assert.Equal(HttpStatusCode.Created, theirs.StatusCode);
        var theirsId = (await theirs.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await whatsApp.Dispatcher.RunOnceAsync();
        Assert.Equal("Scheduled", (await GetAsync(ours)).GetProperty("status").GetString());
        var rivalView = await rival.Http.GetFromJsonAsync<JsonElement>($"/api/v1/campaigns/{theirsId}");
        Assert.Equal(0, rivalView.GetProperty("counts").GetProperty("planned").GetInt32()); // the rival has no customers; ours are not theirs
        Assert.Equal("Finished", rivalView.GetProperty("status").GetString());
        Assert.DoesNotContain((await crm.GetFromJsonAsync<JsonElement>("/api/v1/campaigns?limit=100")).EnumerateArray(), c => c.GetProperty("id").GetGuid() == theirsId);

        var valid = new { name = "x", channels = new[] { "WhatsApp" }, contents = new[] { new { text = "x" } } };
        await BadAsync(new { channels = new[] { "WhatsApp" }, contents = new[] { new { text = "x" } } }, "name");
        await BadAsync(new { name = "x", contents = new[] { new { text = "x" } } }, "channels");
        await BadAsync(new { name = "x", channels = new[] { "WhatsApp" } }, "contents");
        await BadAsync(new { name = "x", channels = new[] { "WhatsApp", "Telegram" }, contents = new[] { new { channel = "WhatsApp", text = "x" } } }, "no content for Telegram");
        await BadAsync(new { valid.name, valid.channels, valid.contents, startAt = "soon" }, "startAt");
        await BadAsync(new { valid.name, valid.channels, valid.contents, topic = "nope" }, "topic");
        await BadAsync(new { valid.name, valid.channels, valid.contents, audience = new { subscribedOnly = true } }, "audience.subscribedOnly");
        await BadAsync(new { valid.name, valid.channels, valid.contents, audience = new { activeSince = "yesterday" } }, "audience.activeSince");
        Assert.Equal(HttpStatusCode.BadRequest, (await crm.GetAsync($"/api/v1/campaigns/{ours}/recipients?status=nope")).StatusCode);
    }

    [Fact]
    public async Task An_opt_out_of_a_customer_merged_away_holds_for_the_survivor_once_however_often_the_merge_is_repeated()
    {
        var crm = whatsApp.Crm;
        var pair = await CustomersAsync(2, null);
        var (survivor, absorbed) = (pair[0], pair[1]);
        (await crm.PostAsJsonAsync($"/api/v1/customers/{absorbed.Id}/subscriptions", new { topic = "offers", subscribed = false, source = "call" })).EnsureSuccessStatusCode();
        (await crm.PostAsJsonAsync($"/api/v1/customers/{survivor.Id}/subscriptions", new { topic = "news", subscribed = true, source = "form" })).EnsureSuccessStatusCode();

        var merged = await crm.PostAsJsonAsync($"/api/v1/customers/{survivor.Id}/merge", new { absorbedId = absorbed.Id });
        Assert.True(merged.IsSuccessStatusCode, await merged.Content.ReadAsStringAsync());
        await crm.PostAsJsonAsync($"/api/v1/customers/{survivor.Id}/merge", new { absorbedId = absorbed.Id });

        var subscriptions = await crm.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{survivor.Id}/subscriptions");
        Assert.True(Topics.OptedOut(subscriptions, "offers"));
        Assert.False(Topics.OptedOut(subscriptions, "news"));
        Assert.Single(subscriptions.GetProperty("records").EnumerateArray(), r => r.GetProperty("source").GetString() == $"merge:{absorbed.Id:N}");
        var refused = await Topics.SendAsync(crm, new { customerId = survivor.Id, text = "Offer", topic = "offers" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("topic.unsubscribed", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rule").GetString());
    }

    private sealed record Customer(string WaId, Guid Id);

    private async Task<IReadOnlyList<Customer>> CustomersAsync(int count, string? tag)
    {
        var customers = new List<Customer>();
        for (var i = 0; i < count; i++)
        {
            var waId = WhatsAppGatewayFixture.NewCustomer();
            await whatsApp.DeliverAsync(WhatsAppGatewayFixture.OneMessage(GraphApiStandIn.Text(waId, WhatsAppGatewayFixture.NewMessageId(), "hello")));
            await WhatsAppTemplateTests.ConversationIdAsync(whatsApp, waId);
            var id = await whatsApp.App.Grains.GetGrain<IChannelIdentityGrain>(
                new ChannelIdentityKey(whatsApp.TenantId, ChannelKind.WhatsApp, WhatsAppGatewayFixture.PhoneNumberId, waId).ToGrainKey()).GetCustomerIdAsync();
            if (tag is not null)
            {
                (await whatsApp.Crm.PatchAsJsonAsync($"/api/v1/customers/{id}", new { tags = new[] { tag } })).EnsureSuccessStatusCode();
            }

            customers.Add(new Customer(waId, id!.Value));
        }

        return customers;
    }

    /// <summary>Lets the bot's replies to the customers' greetings go out, a second of fake time at a time, and the number's budget fill up again.</summary>
    private async Task QuietAsync()
    {
        await Eventually.AdvanceUntilAsync(whatsApp.Clock, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(25),
            async () => await whatsApp.Store.OpenOutboxAsync(whatsApp.TenantId) == 0, "the outbox empty");
        whatsApp.Clock.Advance(TimeSpan.FromSeconds(2));
    }

    private async Task<JsonElement> CreateAsync(object body)
    {
        var response = await whatsApp.Crm.PostAsJsonAsync("/api/v1/campaigns", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task BadAsync(object body, string names)
    {
        var response = await whatsApp.Crm.PostAsJsonAsync("/api/v1/campaigns", body);
        var answer = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {answer}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(names, answer, StringComparison.Ordinal);
    }

    private Task<JsonElement> GetAsync(Guid id) => whatsApp.Crm.GetFromJsonAsync<JsonElement>($"/api/v1/campaigns/{id}");

    private async Task<JsonElement> ActAsync(Guid id, string action)
    {
        var response = await whatsApp.Crm.PostAsync($"/api/v1/campaigns/{id}/{action}", null);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private int Sent(IEnumerable<Customer> customers, string text) =>
        customers.Sum(c => whatsApp.Graph.SentTo(WhatsAppGatewayFixture.PhoneNumberId, c.WaId)
            .Count(call => call.Field("text.body") == text || call.Field("interactive.body.text") == text));

    private List<string?> Texts(Customer customer) => BusinessMessageTests.Texts(whatsApp, customer.WaId);
}
