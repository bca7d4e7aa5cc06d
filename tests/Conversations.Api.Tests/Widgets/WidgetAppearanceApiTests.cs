using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Conversations.Testing;
using CsCheck;

namespace Conversations.Api.Tests.Widgets;

/// <summary>
/// A widget's appearance over the admin API: stored with the widget and handed to visitors with their session, each
/// refusal a 400 naming its field, another tenant's widget out of reach, and fuzzed bodies never a 5xx.
/// </summary>
public sealed class WidgetAppearanceApiTests(WidgetAppearanceFixture fixture) : IClassFixture<WidgetAppearanceFixture>
{
    [Fact]
    public async Task A_saved_appearance_is_read_back_and_comes_with_the_visitors_next_session()
    {
        using var demo = await fixture.DemoAsync();
        var key = await CreateWidgetAsync(demo, "look");
        var fresh = await demo.GetAsync($"/api/v1/admin/channels/widgets/{key}/appearance");
        Assert.Equal("#2563eb", fresh.GetProperty("color").GetString());
        Assert.Equal("BottomRight", fresh.GetProperty("position").GetString());

        var saved = await demo.Http.PutAsJsonAsync($"/api/v1/admin/channels/widgets/{key}/appearance",
            new { title = "  Flower shop  ", color = "#B91C1C", greeting = "Hello!\nAsk us anything.", position = "BottomLeft" });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var read = await demo.GetAsync($"/api/v1/admin/channels/widgets/{key}/appearance");
        Assert.Equal("Flower shop", read.GetProperty("title").GetString());
        Assert.Equal("#b91c1c", read.GetProperty("color").GetString());
        Assert.Equal("Hello!\nAsk us anything.", read.GetProperty("greeting").GetString());
        Assert.Equal("BottomLeft", read.GetProperty("position").GetString());

        using var visitor = fixture.NewClient();
        var session = await (await visitor.PostAsJsonAsync($"/widget/v1/{key}/session", new { })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Flower shop", session.GetProperty("title").GetString());
        var look = session.GetProperty("appearance");
        Assert.Equal("#b91c1c", look.GetProperty("color").GetString());
        Assert.Equal("Hello!\nAsk us anything.", look.GetProperty("greeting").GetString());
        Assert.Equal("BottomLeft", look.GetProperty("position").GetString());

        // Re-titling through "create" keeps the appearance; an empty greeting removes it.
        (await demo.PostAsync("/api/v1/admin/channels/widgets", new { title = "Flowers", key })).EnsureSuccessStatusCode();
        Assert.Equal("#b91c1c", (await demo.GetAsync($"/api/v1/admin/channels/widgets/{key}/appearance")).GetProperty("color").GetString());
        (await demo.Http.PutAsJsonAsync($"/api/v1/admin/channels/widgets/{key}/appearance", new { title = "Flowers", color = "#b91c1c", greeting = "" })).EnsureSuccessStatusCode();
        var cleared = await demo.GetAsync($"/api/v1/admin/channels/widgets/{key}/appearance");
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("greeting").ValueKind);
        Assert.Equal("BottomRight", cleared.GetProperty("position").GetString());
    }

    [Theory]
    [InlineData("""{"title":"Shop","color":"red"}""", "color")]
    [InlineData("""{"title":"Shop","color":"#12345"}""", "color")]
    [InlineData("""{"title":"Shop","color":"#1234567"}""", "color")]
    [InlineData("""{"title":"Shop"}""", "color")]
    [InlineData("""{"title":"   ","color":"#123456"}""", "title")]
    [InlineData("""{"color":"#123456"}""", "title")]
    [InlineData("""{"title":"Shop","color":"#123456","position":"TopLeft"}""", "position")]
    [InlineData("""{"title":"Shop","color":"#123456","greeting":42}""", "greeting")]
    public async Task A_bad_value_is_a_400_naming_its_field(string body, string field)
    {
        using var demo = await fixture.DemoAsync();
        var key = await CreateWidgetAsync(demo, "bad");
        var response = await demo.Http.PutAsync($"/api/v1/admin/channels/widgets/{key}/appearance", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Contains(field, detail, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("#2563eb", (await demo.GetAsync($"/api/v1/admin/channels/widgets/{key}/appearance")).GetProperty("color").GetString());
    }

    [Fact]
    public async Task A_title_or_greeting_beyond_its_limit_is_a_400_naming_it()
    {
        using var demo = await fixture.DemoAsync();
        var key = await CreateWidgetAsync(demo, "long");
        foreach (var (body, field) in new object[] { new { title = new string('t', 81), color = "#123456" }, new { title = "Shop", color = "#123456", greeting = new string('g', 501) } }
            .Zip(["title", "greeting"]))
        {
            var response = await demo.Http.PutAsJsonAsync($"/api/v1/admin/channels/widgets/{key}/appearance", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(field, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var exactly = await demo.Http.PutAsJsonAsync($"/api/v1/admin/channels/widgets/{key}/appearance",
            new { title = new string('t', 80), color = "#123456", greeting = new string('g', 500) });
        Assert.Equal(HttpStatusCode.OK, exactly.StatusCode);
    }

    [Fact]
    public async Task Another_tenants_admin_can_neither_read_nor_change_a_widgets_appearance()
    {
        using var demo = await fixture.DemoAsync();
        using var rival = await fixture.RivalAsync();
        var key = await CreateWidgetAsync(demo, "mine");
        (await demo.Http.PutAsJsonAsync($"/api/v1/admin/channels/widgets/{key}/appearance", new { title = "Demo shop", color = "#16a34a", greeting = "Secret greeting" })).EnsureSuccessStatusCode();

        var read = await rival.Http.GetAsync($"/api/v1/admin/channels/widgets/{key}/appearance");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.DoesNotContain("Secret greeting", await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var write = await rival.Http.PutAsJsonAsync($"/api/v1/admin/channels/widgets/{key}/appearance", new { title = "Hijacked", color = "#000000" });
        Assert.Equal(HttpStatusCode.NotFound, write.StatusCode);

        var look = await demo.GetAsync($"/api/v1/admin/channels/widgets/{key}/appearance");
        Assert.Equal("Demo shop", look.GetProperty("title").GetString());
        Assert.Equal("#16a34a", look.GetProperty("color").GetString());
        // And the rival's own widget is untouched by the demo tenant's changes.
        Assert.Equal("#2563eb", (await rival.GetAsync("/api/v1/admin/channels/widgets/rival/appearance")).GetProperty("color").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await demo.Http.PutAsJsonAsync("/api/v1/admin/channels/widgets/rival/appearance", new { title = "X", color = "#000000" })).StatusCode);
        Assert.Equal("Rival", (await rival.GetAsync("/api/v1/admin/channels/widgets/rival/appearance")).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Fuzzed_appearance_requests_never_get_a_server_error_and_every_refusal_is_a_problem_naming_why()
    {
        const int count = 200;
        using var demo = await fixture.DemoAsync();
        var key = await CreateWidgetAsync(demo, "fuzz");
        var text = Gen.OneOf(Gen.Const("null"), Gen.Const("42"), Gen.Const("[]"), Gen.Const("{}"), Gen.Const("\"\""), Gen.Const("\"#2563eb\""),
            Gen.Const("\"#GGGGGG\""), Gen.Const("\"BottomLeft\""), Gen.Const("\"bottomleft\""), Gen.Const("\"\\u0000\""), Gen.Const("\"\\ud800\""),
            Gen.String[0, 120].Select(s => JsonSerializer.Serialize(s)), Gen.Const(JsonSerializer.Serialize(new string('x', 600))));
        var member = Gen.OneOf(Gen.Const("title"), Gen.Const("color"), Gen.Const("greeting"), Gen.Const("position"), Gen.Const("Title"), Gen.Const("extra"));
        var body = Gen.OneOf(
            Gen.Select(member, text).Array[0, 5].Select(members => "{" + string.Join(",", members.Select(m => $"\"{m.Item1}\":{m.Item2}")) + "}"),
            Gen.Const("{"), Gen.Const(""), Gen.Const("[]"), Gen.Const("null"), Gen.String[0, 40]);
        var path = Gen.OneOf(Gen.Const(key), Gen.Const("rival"), Gen.Const("no-such-widget"), Gen.Const(new string('a', 300)),
            // Without control characters: Kestrel refuses "%00" in a path before the application sees it.
            Gen.String[1, 20].Select(s => "w" + Uri.EscapeDataString(string.Concat(s.Where(c => !char.IsControl(c))))));
        var sent = 0;
        await Gen.Select(path, body, Gen.Bool).SampleAsync(async t =>
        {
            sent++;
            var (widget, json, read) = t;
            var response = read
                ? await demo.Http.GetAsync($"/api/v1/admin/channels/widgets/{widget}/appearance")
                : await demo.Http.PutAsync($"/api/v1/admin/channels/widgets/{widget}/appearance", new StringContent(json, Encoding.UTF8, "application/json"));
            var answer = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"{status} for {(read ? "GET" : "PUT")} {widget} {json}: {answer}");
            if (status >= 400)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.False(string.IsNullOrWhiteSpace(JsonDocument.Parse(answer).RootElement.GetProperty("detail").GetString()), answer);
            }
        }, seed: "W1dg3tAppear0", iter: count, threads: 1);

        Assert.Equal(count, sent);
        // Whatever was accepted, the rival's widget kept its look.
        using var rival = await fixture.RivalAsync();
        Assert.Equal("#2563eb", (await rival.GetAsync("/api/v1/admin/channels/widgets/rival/appearance")).GetProperty("color").GetString());
    }

    private static async Task<string> CreateWidgetAsync(ApiSession admin, string prefix)
    {
        var key = $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
        (await admin.PostAsync("/api/v1/admin/channels/widgets", new { title = "Shop", key })).EnsureSuccessStatusCode();
        return key;
    }
}
