using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conversations.Abstractions.Tenants;
using Conversations.Testing;
using Conversations.Testing.OpenAi;

namespace Conversations.Channels.Widget.Tests;

/// <summary>
/// The optional AI end to end: the real host configured with the OpenAI-compatible stand-in as its chat model, the demo
/// tenant's settings enabling grounded answers and operator assist, a visitor writing through the widget API.
/// </summary>
public sealed class WidgetAiTests : IAsyncLifetime
{
    private OpenAiStandIn _standIn = null!;
    private ConversationsApp _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _standIn = await OpenAiStandIn.StartAsync("sk-widget-test");
        _app = new ConversationsApp(seedDemo: true, settings: new Dictionary<string, string?>
        {
            ["Conversations:Ai:Endpoint"] = _standIn.Endpoint.ToString(),
            ["Conversations:Ai:ApiKey"] = "sk-widget-test",
            ["Conversations:Ai:ChatModel"] = "stand-in-chat",
        });
        _http = new HttpClient { BaseAddress = _app.StartKestrel() };
        await Eventually.HoldsAsync(async () => (await _http.PostAsJsonAsync("/widget/v1/demo/session", new { })).IsSuccessStatusCode,
            "the demo widget seeded", TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        await _standIn.DisposeAsync();
    }

    [Fact]
    public async Task A_question_the_faq_is_not_sure_of_gets_a_cited_ai_answer_marked_for_the_operator_and_plain_not_sure_when_the_ai_is_down()
    {
        using var demo = await ApiSession.SignInAsync(new HttpClient { BaseAddress = _http.BaseAddress }, "demo", "demo", "demo-password");
        var settings = JsonNode.Parse((await demo.GetAsync("/api/v1/admin/settings")).GetRawText())!.AsObject();
        settings["aiAnswers"] = true;
        settings["aiOperatorAssist"] = true;
        settings["faqThreshold"] = 1.0; // the lexical matcher answers nothing: every question goes to the model
        (await demo.Http.PutAsJsonAsync("/api/v1/admin/settings", settings)).EnsureSuccessStatusCode();

        var token = await SessionAsync();
        await SayAsync(token, "Здравствуйте");
        var conversation = Guid.Empty;
        var answer = await SayAsync(token, "курьерская доставка платная? и в пункт выдачи?", id => conversation = id);

        var text = Assert.Single(answer);
        Assert.StartsWith("Курьерская доставка стоит 299 ₽", text, StringComparison.Ordinal);
        Assert.DoesNotContain("[entry:", text, StringComparison.Ordinal);
        var history = await demo.GetAsync($"/api/v1/conversations/{conversation}/messages?includeBot=true&includeEvents=true");
        Assert.Contains(history.EnumerateArray(), m => m.GetProperty("content").TryGetProperty("event", out var kind)
            && kind.GetString() == "AiAnswered" && m.GetProperty("content").GetProperty("detail").GetString()!.Contains("delivery-cost", StringComparison.Ordinal));
        var call = _standIn.Calls.Last(c => c.Path == "/v1/chat/completions");
        Assert.Equal("stand-in-chat", call.Request["model"]!.GetValue<string>());

        _standIn.FixedReply = "Клиент спрашивает о стоимости доставки.";
        var assist = await (await demo.PostAsync($"/api/v1/conversations/{conversation}/assist")).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(_standIn.FixedReply, assist.GetProperty("summary").GetString());
        Assert.Equal(_standIn.FixedReply, assist.GetProperty("suggestedReply").GetString());

        _standIn.FailNext("/v1/chat/completions", 500, "server_error", "internal_error", "The server had an error while processing your request.");
        var fallback = await SayAsync(token, "сколько стоит подарочная упаковка");

        Assert.Equal([TenantTexts.Defaults[TenantTexts.FaqNotSure]], fallback);
    }

    private async Task<string> SessionAsync()
    {
        var response = await _http.PostAsJsonAsync("/widget/v1/demo/session", new { });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private async Task<List<string?>> BotTextsAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/widget/v1/demo/messages");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement[]>() ?? [])
            .Where(m => m.GetProperty("from").GetString() == "bot")
            .Select(m => m.GetProperty("content").TryGetProperty("text", out var t) ? t.GetString() : null)];
    }

    private async Task<List<string?>> SayAsync(string token, string text, Action<Guid>? conversation = null)
    {
        var before = (await BotTextsAsync(token)).Count;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/widget/v1/demo/messages")
        {
            Content = JsonContent.Create(new { clientMessageId = Guid.NewGuid().ToString("N"), text }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        conversation?.Invoke((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversationId").GetGuid());
        List<string?> all = [];
        await Eventually.HoldsAsync(async () => (all = await BotTextsAsync(token)).Count > before, $"the bot's answer to '{text}'");
        return all[before..];
    }
}
