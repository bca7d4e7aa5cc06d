using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Abstractions.Tenants;
using Conversations.Testing;

namespace Conversations.Channels.Widget.Tests;

/// <summary>The abuse limits of the visitor API: 429 with Retry-After and a problem naming the limit, per partition.</summary>
public sealed class WidgetAbuseLimitTests(WidgetLimitsFixture limits) : IClassFixture<WidgetLimitsFixture>
{
    private async Task<HttpResponseMessage> StartSessionAsync(string widget, string address, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/widget/v1/{widget}/session") { Content = JsonContent.Create(new { token }) };
        request.Headers.Add("X-Forwarded-For", address);
        return await limits.Visitors.SendAsync(request);
    }

    private async Task<string> NewVisitorAsync(string widget) =>
        (await (await StartSessionAsync(widget, limits.NewAddress())).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("token").GetString()!;

    private async Task<HttpResponseMessage> SendAsync(string widget, string token, string address, string clientMessageId, string text = "hello")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/widget/v1/{widget}/messages") { Content = JsonContent.Create(new { clientMessageId, text }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("X-Forwarded-For", address);
        return await limits.Visitors.SendAsync(request);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string limit, int retryAfterSeconds)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(retryAfterSeconds), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("https://tools.ietf.org/html/rfc6585#section-4", problem.GetProperty("type").GetString());
        Assert.Equal("Too many requests", problem.GetProperty("title").GetString());
        Assert.Contains(limit, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(limit, problem.GetProperty("limit").GetString());
    }

    [Fact]
    public async Task Sessions_beyond_the_per_address_limit_are_refused_until_the_clock_refills_and_other_addresses_are_unaffected()
    {
        var widget = await limits.NewWidgetAsync();
        var address = limits.NewAddress();
        for (var i = 0; i < 3; i++)
        {
            (await StartSessionAsync(widget, address)).EnsureSuccessStatusCode();
        }

        await AssertRefusedAsync(await StartSessionAsync(widget, address), "WidgetSessionsPerIp", 60);
        Assert.Equal(HttpStatusCode.OK, (await StartSessionAsync(widget, limits.NewAddress())).StatusCode);

        limits.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, (await StartSessionAsync(widget, address)).StatusCode);
    }

    [Fact]
    public async Task Messages_beyond_the_per_visitor_limit_are_refused_and_the_same_message_is_stored_once_after_retry_after()
    {
        var widget = await limits.NewWidgetAsync();
        var token = await NewVisitorAsync(widget);
        var other = await NewVisitorAsync(widget);
        var address = limits.NewAddress();
        (await SendAsync(widget, token, address, "m1")).EnsureSuccessStatusCode();
        (await SendAsync(widget, token, address, "m2")).EnsureSuccessStatusCode();

        var refused = await SendAsync(widget, token, address, "m3", "third");

        await AssertRefusedAsync(refused, "WidgetMessagesPerVisitor", 60);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(widget, other, limits.NewAddress(), "o1")).StatusCode);

        limits.Clock.Advance(refused.Headers.RetryAfter!.Delta!.Value);
        var retried = await (await SendAsync(widget, token, address, "m3", "third")).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(retried.GetProperty("duplicate").GetBoolean());

        using var history = new HttpRequestMessage(HttpMethod.Get, $"/widget/v1/{widget}/messages");
        history.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var messages = await (await limits.Visitors.SendAsync(history)).Content.ReadFromJsonAsync<JsonElement[]>();
        Assert.Single(messages!, m => m.GetProperty("from").GetString() == "customer" && m.GetProperty("content").GetProperty("text").GetString() == "third");

        await Eventually.HoldsAsync(async () => (await limits.Http.GetStringAsync("/metrics")).Split('\n').Any(line =>
                line.StartsWith("conversations_abuse_rejections_total{", StringComparison.Ordinal)
                && line.Contains("surface=\"widget.message\"", StringComparison.Ordinal)
                && line.Contains("limit=\"WidgetMessagesPerVisitor\"", StringComparison.Ordinal)),
            "the rejection counted by surface and limit");
    }

    [Fact]
    public async Task Messages_beyond_the_per_address_limit_are_refused_whichever_visitor_sends_them()
    {
        var widget = await limits.NewWidgetAsync();
        var visitors = new[] { await NewVisitorAsync(widget), await NewVisitorAsync(widget) };
        var address = limits.NewAddress();
        (await SendAsync(widget, visitors[0], address, "a1")).EnsureSuccessStatusCode();
        (await SendAsync(widget, visitors[0], address, "a2")).EnsureSuccessStatusCode();
        (await SendAsync(widget, visitors[1], address, "b1")).EnsureSuccessStatusCode();

        // The second visitor is within their own limit and has an open conversation: only the address is over.
        await AssertRefusedAsync(await SendAsync(widget, visitors[1], address, "b2"), "WidgetMessagesPerIp", 60);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(widget, visitors[1], limits.NewAddress(), "b2")).StatusCode);
    }

    [Fact]
    public async Task New_conversations_beyond_the_per_widget_limit_are_refused_while_open_ones_go_on()
    {
        var widget = await limits.NewWidgetAsync();
        var first = await NewVisitorAsync(widget);
        (await SendAsync(widget, first, limits.NewAddress(), "f1")).EnsureSuccessStatusCode();
        (await SendAsync(widget, await NewVisitorAsync(widget), limits.NewAddress(), "s1")).EnsureSuccessStatusCode();

        await AssertRefusedAsync(await SendAsync(widget, await NewVisitorAsync(widget), limits.NewAddress(), "t1"), "NewConversationsPerWidget", 60);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(widget, first, limits.NewAddress(), "f2")).StatusCode);
        var another = await limits.NewWidgetAsync();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(another, await NewVisitorAsync(another), limits.NewAddress(), "x1")).StatusCode);
    }

    [Fact]
    public async Task The_session_hands_the_widget_the_tenants_own_texts()
    {
        var widget = await limits.NewWidgetAsync();
        var demo = await limits.App.Grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).FindBySlugAsync("demo");
        var tenant = limits.App.Grains.GetGrain<ITenantGrain>(demo!.TenantId);
        var settings = await tenant.GetSettingsAsync();
        await tenant.UpdateSettingsAsync(settings with { Texts = new Dictionary<string, string>(settings.Texts) { [TenantTexts.WidgetSlowDown] = "Easy there, we will send it shortly." } });

        var session = await (await StartSessionAsync(widget, limits.NewAddress())).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("Easy there, we will send it shortly.", session.GetProperty("texts").GetProperty(TenantTexts.WidgetSlowDown).GetString());
    }
}
