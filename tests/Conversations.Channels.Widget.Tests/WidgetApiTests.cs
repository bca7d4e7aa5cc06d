using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Abstractions.Channels;
using Conversations.Api.Contracts;
using Conversations.Grains.Channels;
using Conversations.Testing;

namespace Conversations.Channels.Widget.Tests;

/// <summary>The visitor API behind the widget.</summary>
public sealed class WidgetApiTests(WidgetAppFixture widget) : IClassFixture<WidgetAppFixture>
{
    private async Task<string> NewSessionAsync(string? token = null)
    {
        var response = await widget.Http.PostAsJsonAsync("/widget/v1/demo/session", new { token });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private async Task<HttpResponseMessage> SendAsync(string token, object body, string widgetKey = "demo")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/widget/v1/{widgetKey}/messages") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await widget.Http.SendAsync(request);
    }

    private async Task<JsonElement[]> HistoryAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/widget/v1/demo/messages");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await widget.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement[]>() ?? [];
    }

    [Fact]
    public async Task A_visitor_message_is_stored_and_answered_by_the_bot()
    {
        var token = await NewSessionAsync();

        var sent = await SendAsync(token, new { clientMessageId = "m1", text = "Здравствуйте" });

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        await Eventually.HoldsAsync(async () => (await HistoryAsync(token)).Any(m => m.GetProperty("from").GetString() == "bot"), "the bot's reply in history");
        var history = await HistoryAsync(token);
        Assert.Equal("Здравствуйте", history[0].GetProperty("content").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Resuming_a_session_with_its_token_keeps_the_visitor_and_their_history()
    {
        var token = await NewSessionAsync();
        await SendAsync(token, new { clientMessageId = "first", text = "remember me" });

        var resumed = await NewSessionAsync(token);

        Assert.Equal(token, resumed);
        Assert.Contains(await HistoryAsync(resumed), m => m.GetProperty("content").GetProperty("text").GetString() == "remember me");
    }

    [Fact]
    public async Task A_retried_client_message_id_is_stored_once()
    {
        var token = await NewSessionAsync();

        var first = await (await SendAsync(token, new { clientMessageId = "same", text = "once" })).Content.ReadFromJsonAsync<JsonElement>();
        var again = await (await SendAsync(token, new { clientMessageId = "same", text = "once" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.False(first.GetProperty("duplicate").GetBoolean());
        Assert.True(again.GetProperty("duplicate").GetBoolean());
        Assert.Equal(first.GetProperty("messageId").GetString(), again.GetProperty("messageId").GetString());
        Assert.Single(await HistoryAsync(token), m => m.GetProperty("from").GetString() == "customer");

        // Both counted as inbound widget messages, the retry as a duplicate (the exporter caches a scrape briefly).
        await Eventually.HoldsAsync(async () =>
        {
            var metrics = await widget.Http.GetStringAsync("/metrics");
            return metrics.Split('\n').Any(l => l.StartsWith("conversations_messages_in_total{", StringComparison.Ordinal)
                && l.Contains("channel=\"widget\"", StringComparison.Ordinal) && l.Contains("outcome=\"Duplicate\"", StringComparison.Ordinal));
        }, "widget messages in the inbound counter");
    }

    [Theory]
    [InlineData("")]
    [InlineData("v1.not-a-guid.sig")]
    [InlineData("v1.0123456789abcdef0123456789abcdef.forged-signature")]
    public async Task A_missing_or_forged_token_is_a_401(string token)
    {
        var response = await SendAsync(token, new { clientMessageId = "x", text = "hi" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_token_of_one_widget_is_refused_by_another()
    {
        var token = await NewSessionAsync();
        using var http = new HttpClient { BaseAddress = widget.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Platform-Key", ConversationsApp.PlatformKey);
        (await http.PostAsJsonAsync("/api/v1/platform/tenants", new { slug = "other-shop", name = "Other", adminUsername = "admin", adminPassword = "admin-password" })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync("/api/v1/platform/tenants/other-shop/widgets", new { title = "Other", key = "other-widget" })).EnsureSuccessStatusCode();

        var response = await SendAsync(token, new { clientMessageId = "x", text = "hi" }, "other-widget");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"clientMessageId\":\"\",\"text\":\"hi\"}", "clientMessageId")]
    [InlineData("{\"clientMessageId\":\"a\"}", "Send text")]
    [InlineData("{\"clientMessageId\":\"a\",\"text\":\"   \"}", "Send text")]
    public async Task Bad_input_is_a_400_that_says_what_is_wrong(string body, string expected)
    {
        var token = await NewSessionAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/widget/v1/demo/messages")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await widget.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_long_a_text_is_refused()
    {
        var token = await NewSessionAsync();

        var response = await SendAsync(token, new { clientMessageId = "long", text = new string('x', FieldLimits.MessageText + 1) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("text", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_over_long_button_payload_is_refused_not_cut()
    {
        var token = await NewSessionAsync();
        var payload = new string('p', FieldLimits.PressedButtonPayload + 1);

        var response = await SendAsync(token, new { clientMessageId = "press", payload, label = "Delivery" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("payload", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(await HistoryAsync(token), m => m.GetProperty("from").GetString() == "customer");
    }

    [Fact]
    public async Task A_client_message_id_reused_for_another_text_is_a_409_and_keeps_the_first()
    {
        var token = await NewSessionAsync();
        (await SendAsync(token, new { clientMessageId = "reused", text = "first" })).EnsureSuccessStatusCode();

        var response = await SendAsync(token, new { clientMessageId = "reused", text = "second" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("clientMessageId", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var customer = Assert.Single(await HistoryAsync(token), m => m.GetProperty("from").GetString() == "customer");
        Assert.Equal("first", customer.GetProperty("content").GetProperty("text").GetString());
    }

    [Fact]
    public async Task An_unknown_widget_is_a_404()
    {
        var response = await widget.Http.PostAsJsonAsync("/widget/v1/no-such-widget/session", new { });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_event_stream_resumes_after_the_last_event_id_without_repeating()
    {
        var token = await NewSessionAsync();
        await SendAsync(token, new { clientMessageId = "s1", text = "first" });
        await Eventually.HoldsAsync(async () => (await HistoryAsync(token)).Length >= 2, "bot reply");
        var history = await HistoryAsync(token);
        var lastId = history[^1].GetProperty("id").GetString();

        await SendAsync(token, new { clientMessageId = "s2", text = "second" });
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/widget/v1/demo/events?token={Uri.EscapeDataString(token)}");
        request.Headers.Add("Last-Event-ID", lastId);
        using var response = await widget.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var texts = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (texts.Count < 2 && await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal) && JsonDocument.Parse(line[6..]).RootElement is { ValueKind: JsonValueKind.Object } data)
            {
                texts.Add(data.GetProperty("from").GetString() + ":" + data.GetProperty("content").GetProperty("text").GetString());
            }
        }

        Assert.Equal("customer:second", texts[0]);
        Assert.StartsWith("bot:", texts[1], StringComparison.Ordinal);
    }
}
