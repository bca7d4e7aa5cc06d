using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Conversations.Testing;

namespace Conversations.Api.Tests.Scenarios;

/// <summary>
/// Scenario drafts: saved without publishing (the live scenario stays), tried in a test chat that runs the draft as a
/// website visitor would meet it and leaves no trace (no conversation, inbox row, message or queue entry), then published.
/// </summary>
public sealed class ScenarioDraftTests(ScenarioDraftFixture fixture) : IClassFixture<ScenarioDraftFixture>
{
    internal const string Menu = """
        { "start": "main", "steps": [
          { "id": "main", "kind": "menu", "text": "Draft shop: what do you need?", "options": [ { "label": "Delivery", "payload": "delivery", "next": "delivery" } ] },
          { "id": "delivery", "kind": "end", "text": "Draft delivery takes two days." } ] }
        """;

    [Fact]
    public async Task A_saved_draft_leaves_the_live_scenario_as_it_is_until_it_is_published()
    {
        using var rival = await fixture.RivalAsync();
        var versions = (await rival.GetAsync("/api/v1/admin/bot/scenario/versions")).GetArrayLength();

        var saved = await SaveDraftAsync(rival, Menu);

        Assert.True(saved.GetProperty("valid").GetBoolean());
        Assert.Equal(Menu, (await rival.GetAsync("/api/v1/admin/bot/scenario/draft")).GetProperty("json").GetString());
        Assert.Equal(versions, (await rival.GetAsync("/api/v1/admin/bot/scenario/versions")).GetArrayLength());

        var published = await (await rival.PostAsync("/api/v1/admin/bot/scenario/draft/publish")).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Menu, published.GetProperty("json").GetString());
        Assert.Equal(published.GetProperty("version").GetInt32(), (await rival.GetAsync("/api/v1/admin/bot/scenario")).GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await rival.Http.GetAsync("/api/v1/admin/bot/scenario/draft")).StatusCode); // published, so gone
    }

    [Fact]
    public async Task The_test_chat_runs_the_draft_as_a_visitor_would_meet_it_and_leaves_no_trace()
    {
        using var demo = await fixture.DemoAsync();
        var inbox = await InboxCountAsync(demo);
        var queue = (await demo.GetAsync("/api/v1/queue")).GetArrayLength();
        await SaveDraftAsync(demo, Menu);

        var greeting = await TestAsync(demo, new { });
        var menu = Assert.Single(greeting.GetProperty("messages").EnumerateArray());
        Assert.Equal("Draft shop: what do you need?", menu.GetProperty("text").GetString());
        Assert.Equal("delivery", menu.GetProperty("buttons")[0].GetProperty("payload").GetString());

        var pressed = await TestAsync(demo, new { payload = "delivery", state = greeting.GetProperty("state").GetString() });
        Assert.Equal("Draft delivery takes two days.", pressed.GetProperty("messages")[0].GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.Null, pressed.GetProperty("handoff").ValueKind);

        var human = await TestAsync(demo, new { text = "оператор zebrafinch", state = pressed.GetProperty("state").GetString() });
        Assert.False(string.IsNullOrEmpty(human.GetProperty("handoff").GetString()));

        Assert.Equal(inbox, await InboxCountAsync(demo));
        Assert.Equal(queue, (await demo.GetAsync("/api/v1/queue")).GetArrayLength());
        Assert.Equal(0, (await demo.GetAsync("/api/v1/search/messages?q=zebrafinch")).GetArrayLength());
        Assert.Equal(0, (await demo.GetAsync("/api/v1/search/messages?q=" + Uri.EscapeDataString("Draft delivery"))).GetArrayLength());
        await demo.Http.DeleteAsync("/api/v1/admin/bot/scenario/draft");
    }

    [Fact]
    public async Task A_draft_with_problems_is_kept_with_them_but_is_neither_tested_nor_published()
    {
        using var rival = await fixture.RivalAsync();
        var live = await (await rival.Http.GetAsync("/api/v1/admin/bot/scenario")).Content.ReadAsStringAsync();
        const string broken = """{ "start": "hello", "steps": [ { "id": "hello", "kind": "message", "text": "Hi", "next": "nowhere" } ] }""";

        var saved = await SaveDraftAsync(rival, broken);

        Assert.False(saved.GetProperty("valid").GetBoolean());
        Assert.Equal("steps[0].next", saved.GetProperty("problems")[0].GetProperty("path").GetString());
        var test = await rival.PostAsync("/api/v1/admin/bot/scenario/draft/test");
        Assert.Equal(HttpStatusCode.BadRequest, test.StatusCode);
        Assert.Contains("nowhere", await test.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await rival.PostAsync("/api/v1/admin/bot/scenario/draft/publish")).StatusCode);
        Assert.Equal(broken, (await rival.GetAsync("/api/v1/admin/bot/scenario/draft")).GetProperty("json").GetString()); // still there to fix
        Assert.Equal(live, await (await rival.Http.GetAsync("/api/v1/admin/bot/scenario")).Content.ReadAsStringAsync());
        await rival.Http.DeleteAsync("/api/v1/admin/bot/scenario/draft");
    }

    [Fact]
    public async Task One_tenants_draft_is_neither_seen_nor_tested_nor_published_by_another()
    {
        using var demo = await fixture.DemoAsync();
        using var rival = await fixture.RivalAsync();
        await SaveDraftAsync(demo, Menu);
        await rival.Http.DeleteAsync("/api/v1/admin/bot/scenario/draft");
        var rivalVersions = (await rival.GetAsync("/api/v1/admin/bot/scenario/versions")).GetArrayLength();

        Assert.Equal(HttpStatusCode.NotFound, (await rival.Http.GetAsync("/api/v1/admin/bot/scenario/draft")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rival.PostAsync("/api/v1/admin/bot/scenario/draft/test")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rival.PostAsync("/api/v1/admin/bot/scenario/draft/publish")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await rival.Http.DeleteAsync("/api/v1/admin/bot/scenario/draft")).StatusCode);

        Assert.Equal(rivalVersions, (await rival.GetAsync("/api/v1/admin/bot/scenario/versions")).GetArrayLength());
        Assert.Equal(Menu, (await demo.GetAsync("/api/v1/admin/bot/scenario/draft")).GetProperty("json").GetString());
        await demo.Http.DeleteAsync("/api/v1/admin/bot/scenario/draft");
    }

    [Fact]
    public async Task A_test_chat_state_that_is_not_one_is_refused_naming_the_state()
    {
        using var rival = await fixture.RivalAsync();
        await SaveDraftAsync(rival, Menu);

        var response = await rival.PostAsync("/api/v1/admin/bot/scenario/draft/test", new { text = "hi", state = "{not json" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("$.state", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await rival.Http.DeleteAsync("/api/v1/admin/bot/scenario/draft");
    }

    internal static async Task<JsonElement> SaveDraftAsync(ApiSession admin, string json) =>
        await (await admin.Http.PutAsync("/api/v1/admin/bot/scenario/draft", new StringContent(json, Encoding.UTF8, "application/json")))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();

    private static async Task<JsonElement> TestAsync(ApiSession admin, object turn) =>
        await (await admin.PostAsync("/api/v1/admin/bot/scenario/draft/test", turn)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();

    private static async Task<int> InboxCountAsync(ApiSession admin) =>
        (await admin.GetAsync("/api/v1/inbox?limit=200&all=true")).GetProperty("items").GetArrayLength();
}
