using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Conversations.Api.Console;
using Conversations.Testing;

namespace Conversations.Api.Tests;

/// <summary>Scenario upload (validated as a whole, versioned, hot-swapped), FAQ thresholds, and learning from operators.</summary>
public sealed class BotAdminTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task An_invalid_scenario_is_refused_with_every_problem_listed_and_the_live_one_stays()
    {
        using var rival = await fixture.RivalAsync();
        var liveBefore = await rival.Http.GetAsync("/api/v1/admin/bot/scenario");
        var versionsBefore = (await rival.GetAsync("/api/v1/admin/bot/scenario/versions")).GetArrayLength();
        const string broken = """
            { "start": "hello",
              "steps": [
                { "id": "hello", "kind": "message", "text": "Hi {customer.name", "next": "nowhere" },
                { "id": "lonely", "kind": "message", "text": "never reached", "next": "hello" },
                { "id": "weird", "kind": "teleport" } ] }
            """;

        var response = await rival.Http.PutAsync("/api/v1/admin/bot/scenario", new StringContent(broken, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
        Assert.Contains("nowhere", detail, StringComparison.Ordinal);      // dangling reference
        Assert.Contains("lonely", detail, StringComparison.Ordinal);       // unreachable step
        Assert.Contains("teleport", detail, StringComparison.Ordinal);     // unknown kind
        Assert.Contains("steps[0].text", detail, StringComparison.Ordinal); // bad template
        Assert.Equal(versionsBefore, (await rival.GetAsync("/api/v1/admin/bot/scenario/versions")).GetArrayLength());
        Assert.Equal(await liveBefore.Content.ReadAsStringAsync(), await (await rival.Http.GetAsync("/api/v1/admin/bot/scenario")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_new_scenario_version_takes_over_running_conversations_without_a_restart()
    {
        using var rival = await fixture.RivalAsync();
        await PublishAsync(rival, Scenario("v1 menu", ["a", "b"]));
        var visitor = await Visitor.StartAsync(fixture, "rival");
        await visitor.SendAsync("/start");
        await Eventually.HoldsAsync(async () => (await visitor.BotTextsAsync()).Contains("v1 menu"), "the v1 menu");

        // v2 keeps the waiting step: the conversation continues there and the new options work.
        await PublishAsync(rival, Scenario("v2 menu", ["a", "c"]));
        await visitor.PressAsync("c");
        await Eventually.HoldsAsync(async () => (await visitor.BotTextsAsync()).Contains("you chose c"), "v2's answer to a v2 option");

        // v3 drops the step the conversation waits at: it restarts from the start, noted in the history.
        await visitor.SendAsync("/start");
        await PublishAsync(rival, """{ "start": "hello", "steps": [ { "id": "hello", "kind": "end", "text": "v3 says hello" } ] }""");
        await visitor.PressAsync("a");
        await Eventually.HoldsAsync(async () => (await visitor.BotTextsAsync()).Contains("v3 says hello"), "v3 from the start");
        var history = await rival.GetAsync($"/api/v1/conversations/{visitor.ConversationId}/messages?includeEvents=true&limit=500");
        Assert.Contains(history.EnumerateArray(), m => m.GetProperty("content").TryGetProperty("event", out var e) && e.GetString() == "ScenarioRestarted");
        Assert.True((await rival.GetAsync("/api/v1/admin/bot/scenario/versions")).GetArrayLength() >= 3);
    }

    [Fact]
    public async Task The_faq_answers_above_the_threshold_and_offers_an_operator_below_it()
    {
        using var rival = await fixture.RivalAsync();
        await PublishAsync(rival, """{ "start": "hello", "steps": [ { "id": "hello", "kind": "end", "text": "Здравствуйте!" } ] }""");
        (await rival.Http.PutAsJsonAsync("/api/v1/admin/bot/faq", new
        {
            entries = new[] { new { id = "returns", questions = new[] { "Как вернуть товар?", "Можно ли сдать покупку обратно?" }, answer = "Вернуть товар можно в течение 30 дней." } },
        })).EnsureSuccessStatusCode();
        var settings = await rival.GetAsync("/api/v1/admin/settings");

        await SetThresholdAsync(rival, settings, 0.3);
        var confident = await Visitor.StartAsync(fixture, "rival");
        await confident.SendAsync("хочу вернуть товар обратно, как это сделать");
        await Eventually.HoldsAsync(async () => (await confident.BotTextsAsync()).Any(t => t.Contains("30 дней", StringComparison.Ordinal)), "the FAQ answer");

        // Below the threshold the bot does not answer; with "did you mean" off it says it is not sure (on, it offers the entry).
        await SetThresholdAsync(rival, settings, 0.9, disambiguation: false);
        var unsure = await Visitor.StartAsync(fixture, "rival");
        await unsure.SendAsync("хочу вернуть товар обратно, как это сделать");
        await Eventually.HoldsAsync(async () => (await unsure.BotTextsAsync()).Any(t => t.Contains("не уверен", StringComparison.Ordinal)), "no guess below the threshold");
        Assert.DoesNotContain(await unsure.BotTextsAsync(), t => t.Contains("30 дней", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_operators_answer_to_a_question_the_bot_missed_becomes_an_faq_entry_after_approval()
    {
        using var rival = await fixture.RivalAsync();
        await PublishAsync(rival, """{ "start": "hello", "steps": [ { "id": "hello", "kind": "end", "text": "Здравствуйте!" } ] }""");
        (await rival.Http.PutAsJsonAsync("/api/v1/admin/bot/faq", new { entries = new[] { new { id = "hours", questions = new[] { "Когда вы работаете?" }, answer = "С 9 до 21." } } }))
            .EnsureSuccessStatusCode();
        await SetThresholdAsync(rival, await rival.GetAsync("/api/v1/admin/settings"), 0.5);

        var first = await Visitor.StartAsync(fixture, "rival");
        await first.SendAsync("Можно ли оплатить заказ биткоинами?");
        await Eventually.HoldsAsync(async () => (await first.BotTextsAsync()).Any(t => t.Contains("не уверен", StringComparison.Ordinal)), "the bot unsure");
        (await rival.PostAsync($"/api/v1/conversations/{first.ConversationId}/take")).EnsureSuccessStatusCode();
        (await rival.PostAsync($"/api/v1/conversations/{first.ConversationId}/messages", new { text = "Нет, криптовалюту мы не принимаем." })).EnsureSuccessStatusCode();

        JsonElement suggestion = default;
        await Eventually.HoldsAsync(async () => (suggestion = await rival.GetAsync("/api/v1/admin/bot/faq/suggestions")).GetArrayLength() == 1, "the suggestion");
        Assert.Equal("Можно ли оплатить заказ биткоинами?", suggestion[0].GetProperty("question").GetString());
        (await rival.PostAsync($"/api/v1/admin/bot/faq/suggestions/{suggestion[0].GetProperty("id").GetGuid()}/approve", new { })).EnsureSuccessStatusCode();

        var next = await Visitor.StartAsync(fixture, "rival");
        await next.SendAsync("можно оплатить биткоином?");
        await Eventually.HoldsAsync(async () => (await next.BotTextsAsync()).Any(t => t.Contains("криптовалюту мы не принимаем", StringComparison.Ordinal)),
            "the bot answering with what the operator taught it");
    }

    [Fact]
    public async Task An_operators_answer_to_a_question_an_entry_already_covers_is_approved_into_that_entry_as_a_phrasing()
    {
        using var rival = await fixture.RivalAsync();
        await PublishAsync(rival, """{ "start": "hello", "steps": [ { "id": "hello", "kind": "end", "text": "Здравствуйте!" } ] }""");
        (await rival.Http.PutAsJsonAsync("/api/v1/admin/bot/faq", new
        {
            entries = new[]
            {
                new { id = "delivery", questions = new[] { "Сколько стоит доставка?" }, answer = "Доставка по России стоит 300 рублей." },
                new { id = "hours", questions = new[] { "Когда вы работаете?" }, answer = "С 9 до 21." },
            },
        })).EnsureSuccessStatusCode();
        await SetThresholdAsync(rival, await rival.GetAsync("/api/v1/admin/settings"), 0.95, disambiguation: false);
        const string asked = "Привезёте в Казань? Почём доставка туда?";

        var first = await Visitor.StartAsync(fixture, "rival");
        await first.SendAsync(asked);
        await Eventually.HoldsAsync(async () => (await first.BotTextsAsync()).Any(t => t.Contains("не уверен", StringComparison.Ordinal)), "the bot unsure");
        (await rival.PostAsync($"/api/v1/conversations/{first.ConversationId}/take")).EnsureSuccessStatusCode();
        (await rival.PostAsync($"/api/v1/conversations/{first.ConversationId}/messages", new { text = "Да, в Казань тоже 300 рублей." })).EnsureSuccessStatusCode();

        JsonElement suggestion = default;
        await Eventually.HoldsAsync(async () =>
        {
            var all = await rival.GetAsync("/api/v1/admin/bot/faq/suggestions");
            suggestion = all.EnumerateArray().FirstOrDefault(x => x.GetProperty("question").GetString() == asked);
            return suggestion.ValueKind == JsonValueKind.Object;
        }, "the suggestion");
        Assert.Equal("delivery", suggestion.GetProperty("closestEntryId").GetString());
        Assert.InRange(suggestion.GetProperty("closestConfidence").GetDouble(), 0.01, 0.95);
        var approve = $"/api/v1/admin/bot/faq/suggestions/{suggestion.GetProperty("id").GetGuid()}/approve";

        // An answer with entryId is a contradiction (the entry keeps its own); an unknown entry is a 404. Neither spends the suggestion.
        var both = await rival.Http.PostAsJsonAsync(approve, new { entryId = "delivery", answer = "другой ответ" });
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        Assert.Contains("answer", (await both.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await rival.Http.PostAsJsonAsync(approve, new { entryId = "no-such-entry" })).StatusCode);

        var entry = await (await rival.Http.PostAsJsonAsync(approve, new { entryId = "delivery" })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["Сколько стоит доставка?", asked], entry.GetProperty("questions").EnumerateArray().Select(q => q.GetString()));
        var faq = await rival.GetAsync("/api/v1/admin/bot/faq");
        Assert.Equal(2, faq.GetProperty("entries").GetArrayLength()); // no second entry with the same answer
        Assert.DoesNotContain((await rival.GetAsync("/api/v1/admin/bot/faq/suggestions")).EnumerateArray(), x => x.GetProperty("question").GetString() == asked);

        var next = await Visitor.StartAsync(fixture, "rival");
        await next.SendAsync(asked);
        await Eventually.HoldsAsync(async () => (await next.BotTextsAsync()).Any(t => t.Contains("300 рублей", StringComparison.Ordinal)),
            "the entry answering the phrasing it learnt");
    }

    private static async Task PublishAsync(ApiSession admin, string json) =>
        (await admin.Http.PutAsync("/api/v1/admin/bot/scenario", new StringContent(json, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();

    private static async Task SetThresholdAsync(ApiSession admin, JsonElement settings, double threshold, bool disambiguation = true)
    {
        var changed = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(settings.GetRawText())!;
        changed["faqThreshold"] = JsonSerializer.SerializeToElement(threshold);
        changed["faqDisambiguation"] = JsonSerializer.SerializeToElement(disambiguation);
        (await admin.Http.PutAsJsonAsync("/api/v1/admin/settings", changed)).EnsureSuccessStatusCode();
    }

    private static string Scenario(string menuText, string[] options) => JsonSerializer.Serialize(new
    {
        start = "menu",
        steps = new object[]
        {
            new { id = "menu", kind = "menu", text = menuText, options = options.Select(o => new { label = o, payload = o, next = "chose-" + o }).ToArray() },
        }.Concat(options.Select(o => (object)new { id = "chose-" + o, kind = "message", text = "you chose " + o, next = "menu" })).ToArray(),
    });

    /// <summary>A website visitor of a widget, through the widget's visitor API.</summary>
    private sealed class Visitor(HttpClient http, string widget)
    {
        public Guid ConversationId { get; private set; }

        public static async Task<Visitor> StartAsync(ApiFixture fixture, string widget)
        {
            var http = fixture.NewClient();
            var session = await (await http.PostAsJsonAsync($"/widget/v1/{widget}/session", new { })).Content.ReadFromJsonAsync<JsonElement>();
            http.DefaultRequestHeaders.Authorization = new("Bearer", session.GetProperty("token").GetString());
            return new Visitor(http, widget);
        }

        public Task SendAsync(string text) => PostAsync(new { clientMessageId = Guid.NewGuid().ToString(), text });

        public Task PressAsync(string payload) => PostAsync(new { clientMessageId = Guid.NewGuid().ToString(), payload, label = payload });

        public async Task<IReadOnlyList<string>> BotTextsAsync()
        {
            var history = await http.GetFromJsonAsync<JsonElement>($"/widget/v1/{widget}/messages");
            return [.. history.EnumerateArray().Where(m => m.GetProperty("from").GetString() == "bot")
                .Select(m => m.GetProperty("content").TryGetProperty("text", out var t) ? t.GetString() ?? "" : "")];
        }

        private async Task PostAsync(object body)
        {
            var stored = await (await http.PostAsJsonAsync($"/widget/v1/{widget}/messages", body)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
            ConversationId = stored.GetProperty("conversationId").GetGuid();
        }
    }
}
