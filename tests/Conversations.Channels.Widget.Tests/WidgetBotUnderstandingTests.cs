using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conversations.Abstractions.Tenants;
using Conversations.Testing;

namespace Conversations.Channels.Widget.Tests;

/// <summary>
/// Small talk and frustration end to end: a visitor writes through the widget API to the demo tenant (the sample shop
/// scenario and FAQ, Russian texts), the bot answers, an operator reads the handover reason through the API.
/// </summary>
public sealed class WidgetBotUnderstandingTests(WidgetAppFixture widget) : IClassFixture<WidgetAppFixture>
{
    private static readonly IReadOnlyDictionary<string, string> Texts = TenantTexts.Defaults;

    private async Task<string> NewSessionAsync()
    {
        var response = await widget.Http.PostAsJsonAsync("/widget/v1/demo/session", new { });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private async Task<Guid> SendAsync(string token, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/widget/v1/demo/messages") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await widget.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversationId").GetGuid();
    }

    private async Task<List<JsonElement>> BotMessagesAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/widget/v1/demo/messages");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await widget.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement[]>() ?? []).Where(m => m.GetProperty("from").GetString() == "bot")];
    }

    private static string? TextOf(JsonElement message) =>
        message.GetProperty("content").TryGetProperty("text", out var text) ? text.GetString() : null;

    /// <summary>Sends <paramref name="text"/> and waits until the bot has said more than before; returns what it said now.</summary>
    private async Task<List<JsonElement>> SayAsync(string token, string text)
    {
        var before = (await BotMessagesAsync(token)).Count;
        await SendAsync(token, new { clientMessageId = Guid.NewGuid().ToString("N"), text });
        List<JsonElement> all = [];
        await Eventually.HoldsAsync(async () => (all = await BotMessagesAsync(token)).Count > before, $"the bot's answer to '{text}'");
        return all[before..];
    }

    [Fact]
    public async Task A_first_hello_gets_the_scenarios_greeting_and_menu_once_and_no_not_sure()
    {
        var token = await NewSessionAsync();

        await SayAsync(token, "Привет!");

        // The turn is one commit: everything the bot says to the first message is there together.
        var said = await BotMessagesAsync(token);
        Assert.DoesNotContain(said, m => TextOf(m) == Texts[TenantTexts.FaqNotSure]);
        Assert.DoesNotContain(said, m => TextOf(m) == Texts[TenantTexts.SmallTalkGreeting]);
        Assert.Single(said, m => m.GetProperty("content").TryGetProperty("buttons", out var buttons) && buttons.ValueKind == JsonValueKind.Array && buttons.GetArrayLength() > 0);
    }

    [Fact]
    public async Task Thanks_goodbye_and_a_later_hello_each_get_one_natural_answer()
    {
        var token = await NewSessionAsync();
        await SayAsync(token, "Здравствуйте");

        Assert.Equal([Texts[TenantTexts.SmallTalkThanks]], (await SayAsync(token, "спасибо большое!")).Select(TextOf));
        Assert.Equal([Texts[TenantTexts.SmallTalkGreeting]], (await SayAsync(token, "добрый день")).Select(TextOf));
        Assert.Equal([Texts[TenantTexts.SmallTalkNo]], (await SayAsync(token, "нет")).Select(TextOf));
        Assert.Equal([Texts[TenantTexts.SmallTalkGoodbye]], (await SayAsync(token, "До свидания")).Select(TextOf));
    }

    [Fact]
    public async Task A_greeting_in_front_of_a_question_is_answered_by_the_faq_not_by_not_sure()
    {
        var token = await NewSessionAsync();
        await SayAsync(token, "Здравствуйте");

        var said = await SayAsync(token, "Добрый день! Сколько стоит доставка?");

        Assert.DoesNotContain(said, m => TextOf(m) == Texts[TenantTexts.FaqNotSure]);
        Assert.DoesNotContain(said, m => TextOf(m) == Texts[TenantTexts.SmallTalkGreeting]);
    }

    [Fact]
    public async Task Asking_for_a_person_in_other_words_hands_over()
    {
        var token = await NewSessionAsync();
        await SayAsync(token, "Здравствуйте");

        var conversation = await SendAsync(token, new { clientMessageId = "ask", text = "Can I speak to a person?" });

        using var demo = await ApiSession.SignInAsync(new HttpClient { BaseAddress = widget.BaseAddress }, "demo", "demo", "demo-password");
        await Eventually.HoldsAsync(async () => (await demo.GetAsync($"/api/v1/conversations/{conversation}")).GetProperty("summary").GetProperty("status").GetString() == "WaitingForOperator",
            "the conversation waiting for an operator");
    }

    [Fact]
    public async Task The_same_question_again_offers_a_human_and_yes_hands_over_with_the_reason_for_the_operator()
    {
        var token = await NewSessionAsync();
        await SayAsync(token, "Здравствуйте");
        var first = await SayAsync(token, "как настроить квантовый телепорт");
        Assert.Contains(first, m => TextOf(m) == Texts[TenantTexts.FaqNotSure]);

        var second = await SayAsync(token, "КАК НАСТРОИТЬ КВАНТОВЫЙ ТЕЛЕПОРТ???");

        var offer = Assert.Single(second);
        Assert.Equal(Texts[TenantTexts.FrustrationOffer], TextOf(offer));
        Assert.Equal(Texts[TenantTexts.FrustrationOfferButton], offer.GetProperty("content").GetProperty("buttons")[0].GetProperty("label").GetString());

        var conversation = await SendAsync(token, new { clientMessageId = "yes", text = "да" });

        using var demo = await ApiSession.SignInAsync(new HttpClient { BaseAddress = widget.BaseAddress }, "demo", "demo", "demo-password");
        JsonElement view = default;
        await Eventually.HoldsAsync(async () => (view = (await demo.GetAsync($"/api/v1/conversations/{conversation}")).GetProperty("summary")).GetProperty("status").GetString() == "WaitingForOperator",
            "the conversation handed over");
        var reason = view.GetProperty("handoffReason").GetString();
        Assert.Contains("accepted the bot's offer", reason);
        Assert.Contains("same question", reason);
        Assert.Contains("capitals", reason);
    }

    [Fact]
    public async Task With_the_offer_switched_off_the_bot_only_says_it_is_not_sure()
    {
        using var demo = await ApiSession.SignInAsync(new HttpClient { BaseAddress = widget.BaseAddress }, "demo", "demo", "demo-password");
        var settings = JsonNode.Parse((await demo.GetAsync("/api/v1/admin/settings")).GetRawText())!.AsObject();
        var original = settings.DeepClone();
        settings["frustrationOffer"] = false;
        (await demo.Http.PutAsJsonAsync("/api/v1/admin/settings", settings)).EnsureSuccessStatusCode();
        try
        {
            var token = await NewSessionAsync();
            await SayAsync(token, "Здравствуйте");
            await SayAsync(token, "как настроить квантовый телепорт");

            var second = await SayAsync(token, "как настроить квантовый телепорт");

            Assert.Equal([Texts[TenantTexts.FaqNotSure]], second.Select(TextOf));
        }
        finally
        {
            (await demo.Http.PutAsJsonAsync("/api/v1/admin/settings", original)).EnsureSuccessStatusCode();
        }
    }
}
