using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conversations.Abstractions.Tenants;
using Conversations.Testing;

namespace Conversations.Api.Tests;

/// <summary>
/// The admin API the console's screens call: partial updates of the settings, removing an operator who has chats,
/// colleagues for operators, and a 400 naming the field for every kind of bad body on every admin route.
/// </summary>
public sealed class AdminApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string MergePatch = "application/merge-patch+json";

    [Fact]
    public async Task A_merge_patch_changes_only_the_settings_it_names_and_null_puts_a_text_back_to_its_default()
    {
        using var admin = await fixture.DemoAsync();
        var before = JsonNode.Parse((await admin.GetAsync("/api/v1/admin/settings")).GetRawText())!.AsObject();

        var patched = await PatchAsync(admin.Http, $$$"""{"autoReleaseMinutes": 42, "texts": {"{{{TenantTexts.LiveChatReleased}}}": "Bye for now!"}}""");
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var changed = JsonNode.Parse((await admin.GetAsync("/api/v1/admin/settings")).GetRawText())!.AsObject();
        Assert.Equal(42, (int)changed["autoReleaseMinutes"]!);
        Assert.Equal("Bye for now!", (string?)changed["texts"]![TenantTexts.LiveChatReleased]);
        foreach (var (name, value) in before.Where(p => p.Key is not "autoReleaseMinutes" and not "texts"))
        {
            Assert.True(JsonNode.DeepEquals(value, changed[name]), $"{name} changed: {value?.ToJsonString()} → {changed[name]?.ToJsonString()}");
        }

        (await PatchAsync(admin.Http, $$$"""{"texts": {"{{{TenantTexts.LiveChatReleased}}}": null}}""")).EnsureSuccessStatusCode();
        var reset = JsonNode.Parse((await admin.GetAsync("/api/v1/admin/settings")).GetRawText())!.AsObject();
        Assert.False(reset["texts"]!.AsObject().ContainsKey(TenantTexts.LiveChatReleased));
        Assert.Equal(42, (int)reset["autoReleaseMinutes"]!);
    }

    [Fact]
    public async Task A_merge_patch_replaces_a_days_working_hours_and_keeps_the_other_days()
    {
        using var admin = await fixture.DemoAsync();
        (await PatchAsync(admin.Http, """{"workingHours": {"timeZone": "Europe/Moscow", "week": {"Monday": ["09:00-18:00"], "Tuesday": ["10:00-19:00"]}}}"""))
            .EnsureSuccessStatusCode();

        (await PatchAsync(admin.Http, """{"workingHours": {"week": {"Monday": ["08:00-12:00", "13:00-17:00"], "Tuesday": null}}}""")).EnsureSuccessStatusCode();

        var hours = (await admin.GetAsync("/api/v1/admin/settings")).GetProperty("workingHours");
        Assert.Equal("Europe/Moscow", hours.GetProperty("timeZone").GetString());
        var week = hours.GetProperty("week");
        Assert.Equal(["08:00-12:00", "13:00-17:00"], week.GetProperty("Monday").EnumerateArray().Select(i => i.GetString()));
        Assert.False(week.TryGetProperty("Tuesday", out _));
    }

    public static TheoryData<string, string, string, string> BadBodies => new()
    {
        // route, method, body, what the detail must name
        { "PATCH", "/api/v1/admin/settings", """{"autoReleaseMinutes": """, "line 1" },
        { "PATCH", "/api/v1/admin/settings", """{"autoReleaseMinutes": "soon"}""", "$.autoReleaseMinutes" },
        { "PATCH", "/api/v1/admin/settings", """{"autoReleaseMinutes": null}""", "autoReleaseMinutes" }, // null removes it: a required setting missing
        { "PATCH", "/api/v1/admin/settings", """{"autoReleaseMinute": 5}""", "$.autoReleaseMinute" },
        { "PATCH", "/api/v1/admin/settings", """{"workingHours": {"zone": "UTC"}}""", "$.workingHours.zone" },
        { "PATCH", "/api/v1/admin/settings", """{"workingHours": {"week": {"Funday": ["09:00-18:00"]}}}""", "$.workingHours.week" },
        { "PATCH", "/api/v1/admin/settings", """{"autoReleaseMinutes": 0}""", "autoReleaseMinutes" },
        { "PATCH", "/api/v1/admin/settings", """["autoReleaseMinutes"]""", "$" },
        { "PATCH", "/api/v1/admin/settings", """{"handoffKeywords": ["a\ud800b"]}""", "Unicode" },
        { "PUT", "/api/v1/admin/settings", """{"autoReleaseMinutes": """, "line 1" },
        { "PUT", "/api/v1/admin/settings", """{"autoReleaseMinutes": "soon"}""", "$.autoReleaseMinutes" },
        { "PUT", "/api/v1/admin/settings", """{"autoReleaseMinutes": 60}""", "notificationEmails" },
        { "POST", "/api/v1/admin/operators", """{"username": """, "line 1" },
        { "POST", "/api/v1/admin/operators", """{"username": "x1", "displayName": "X", "role": "Operator", "capacity": "three", "password": "12345678"}""", "$.capacity" },
        { "POST", "/api/v1/admin/operators", """{"username": "x2", "displayName": "X", "role": "Boss", "capacity": 3, "password": "12345678"}""", "$.role" },
        { "POST", "/api/v1/admin/operators", """{"username": "x3"}""", "assword" },
        { "PATCH", "/api/v1/admin/operators/{operator}", """{"capacity": "many"}""", "$.capacity" },
        { "PATCH", "/api/v1/admin/operators/{operator}", """{"role": "Owner"}""", "$.role" },
        { "POST", "/api/v1/admin/canned-replies", """{"shortcut": """, "line 1" },
        { "POST", "/api/v1/admin/canned-replies", """{"shortcut": "s", "title": "t", "contents": "hello"}""", "$.contents" },
        { "POST", "/api/v1/admin/canned-replies", """{"shortcut": "s", "title": "t", "contents": [{"type": "hologram", "text": "hi"}]}""", "$.contents[0]" },
        { "POST", "/api/v1/admin/canned-replies", """{"shortcut": "partial"}""", "title" },
        { "POST", "/api/v1/admin/canned-replies", """{"shortcut": "nulls", "title": "t", "contents": [null]}""", "$.contents[0]" },
        { "POST", "/api/v1/admin/api-keys", """{"name": "k", "role": "Root"}""", "$.role" },
        { "POST", "/api/v1/admin/api-keys", """{"name": 5, "role": "Operator"}""", "$.name" },
        { "POST", "/api/v1/admin/channels/telegram-bots", """{"token": "1:x", "mode": "Carrier pigeon"}""", "$.mode" },
        { "POST", "/api/v1/admin/channels/widgets", """{"title": ["Shop"]}""", "$.title" },
        { "PUT", "/api/v1/admin/bot/faq", """{"entries": """, "line 1" },
        { "PUT", "/api/v1/admin/bot/faq", """{"entries": "all of them"}""", "$.entries" },
        { "PUT", "/api/v1/admin/bot/faq", """{"version": 3}""", "$.entries" },
        { "PUT", "/api/v1/admin/bot/faq/hours", """{"id": "hours", "questions": "when?", "answer": "9-18"}""", "$.questions" },
        { "PUT", "/api/v1/admin/bot/scenario", """{"start": """, "JSON" },
        { "POST", "/api/v1/admin/bot/faq/try", """{"question": 42}""", "$.question" },
        { "POST", "/api/v1/admin/bot/faq/try", """{}""", "$.question" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Every_admin_route_refuses_malformed_json_wrong_types_unknown_names_and_partial_bodies_naming_the_field(
        string method, string route, string body, string field)
    {
        using var admin = await fixture.DemoAsync();
        var path = route.Replace("{operator}", (await AnOperatorAsync(admin)).ToString(), StringComparison.Ordinal);
        var settingsBefore = (await admin.GetAsync("/api/v1/admin/settings")).GetRawText();

        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await admin.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString() ?? "";
        Assert.Contains(field, detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Conversations.", detail, StringComparison.Ordinal); // no .NET type names
        Assert.Equal(settingsBefore, (await admin.GetAsync("/api/v1/admin/settings")).GetRawText());
    }

    [Fact]
    public async Task Removing_an_operator_puts_their_live_chats_back_in_the_queue_and_ends_their_access()
    {
        using var admin = await fixture.DemoAsync();
        var username = "leaver" + Guid.NewGuid().ToString("N")[..6];
        (await admin.PostAsync("/api/v1/admin/operators", new { username, displayName = "Leaver", role = "Operator", capacity = 3, password = "leaver-password" }))
            .EnsureSuccessStatusCode();
        using var leaver = await ApiSession.SignInAsync(fixture.NewClient(), "demo", username, "leaver-password");
        var conversation = await fixture.VisitorWritesAsync("demo", "оператор");
        (await leaver.PostAsync($"/api/v1/conversations/{conversation}/take")).EnsureSuccessStatusCode();

        (await admin.Http.DeleteAsync($"/api/v1/admin/operators/{leaver.OperatorId}")).EnsureSuccessStatusCode();

        var view = await admin.GetAsync($"/api/v1/conversations/{conversation}");
        Assert.Equal("WaitingForOperator", view.GetProperty("summary").GetProperty("status").GetString());
        await Eventually.HoldsAsync(async () => (await admin.GetAsync("/api/v1/queue")).EnumerateArray()
            .Any(e => e.GetProperty("conversationId").GetGuid() == conversation), "the customer back in the queue");
        Assert.Equal(HttpStatusCode.Unauthorized, (await leaver.Http.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task An_operator_lists_colleagues_to_transfer_to_but_not_the_admin_routes()
    {
        using var admin = await fixture.DemoAsync();
        var username = "plain" + Guid.NewGuid().ToString("N")[..6];
        (await admin.PostAsync("/api/v1/admin/operators", new { username, displayName = "Plain Operator", role = "Operator", capacity = 3, password = "plain-password" }))
            .EnsureSuccessStatusCode();
        using var plain = await ApiSession.SignInAsync(fixture.NewClient(), "demo", username, "plain-password");

        var colleagues = await plain.GetAsync("/api/v1/operators");

        Assert.Contains(colleagues.EnumerateArray(), c => c.GetProperty("operatorId").GetGuid() == admin.OperatorId);
        Assert.Equal(HttpStatusCode.Forbidden, (await plain.Http.GetAsync("/api/v1/admin/operators")).StatusCode);
    }

    [Fact]
    public async Task The_texts_route_gives_every_default_text_in_every_language_and_the_tenants_language()
    {
        using var admin = await fixture.DemoAsync();

        var texts = await admin.GetAsync("/api/v1/admin/texts");

        Assert.Equal("ru", texts.GetProperty("language").GetString());
        Assert.Equal(TenantTexts.Languages, texts.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));
        var english = texts.GetProperty("defaults").GetProperty("en").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
        Assert.Equal(TenantTexts.English.OrderBy(p => p.Key), english.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task Checking_a_scenario_lists_its_problems_at_their_paths_and_publishes_nothing()
    {
        using var admin = await fixture.DemoAsync();
        var versions = (await admin.GetAsync("/api/v1/admin/bot/scenario/versions")).GetArrayLength();

        var response = await admin.Http.PostAsync("/api/v1/admin/bot/scenario/check",
            new StringContent("""{ "start": "hello", "steps": [ { "id": "hello", "kind": "message", "text": "Hi", "next": "nowhere" } ] }""", Encoding.UTF8, "application/json"));

        var check = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(check.GetProperty("valid").GetBoolean());
        Assert.Contains(check.GetProperty("problems").EnumerateArray(), p => p.GetProperty("path").GetString() == "steps[0].next"
            && p.GetProperty("message").GetString()!.Contains("nowhere", StringComparison.Ordinal));
        Assert.Equal(versions, (await admin.GetAsync("/api/v1/admin/bot/scenario/versions")).GetArrayLength());
    }

    [Fact]
    public async Task Trying_a_question_names_the_matching_entry_its_score_and_whether_the_bot_answers()
    {
        using var admin = await fixture.DemoAsync();
        var entry = (await admin.GetAsync("/api/v1/admin/bot/faq")).GetProperty("entries")[0];

        var result = await (await admin.PostAsync("/api/v1/admin/bot/faq/try", new { question = entry.GetProperty("questions")[0].GetString() }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var nothing = await (await admin.PostAsync("/api/v1/admin/bot/faq/try", new { question = "квантовая хромодинамика глюонов" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(entry.GetProperty("id").GetString(), result.GetProperty("entryId").GetString());
        Assert.True(result.GetProperty("answers").GetBoolean());
        Assert.True(result.GetProperty("confidence").GetDouble() >= result.GetProperty("threshold").GetDouble());
        Assert.False(nothing.GetProperty("answers").GetBoolean());
    }

    private static async Task<Guid> AnOperatorAsync(ApiSession admin) =>
        (await admin.GetAsync("/api/v1/admin/operators")).EnumerateArray().First().GetProperty("operatorId").GetGuid();

    private static Task<HttpResponseMessage> PatchAsync(HttpClient http, string body) =>
        http.PatchAsync("/api/v1/admin/settings", new StringContent(body, Encoding.UTF8, MergePatch));
}
