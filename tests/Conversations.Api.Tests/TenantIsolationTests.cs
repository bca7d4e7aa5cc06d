using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Api.Console;
using Conversations.Testing;

namespace Conversations.Api.Tests;

/// <summary>An operator of one tenant asking for anything of another gets 404, never data, on every endpoint.</summary>
public sealed class TenantIsolationTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Every_conversation_endpoint_answers_404_for_another_tenants_conversation()
    {
        var rivalConversation = await fixture.VisitorWritesAsync("rival", "секретный вопрос конкурента");
        using var rival = await fixture.RivalAsync();
        var rivalOperator = rival.OperatorId;
        using var demo = await fixture.DemoAsync();

        var attempts = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Get, $"/api/v1/conversations/{rivalConversation}", null),
            (HttpMethod.Get, $"/api/v1/conversations/{rivalConversation}/messages", null),
            (HttpMethod.Post, $"/api/v1/conversations/{rivalConversation}/take", new { }),
            (HttpMethod.Post, $"/api/v1/conversations/{rivalConversation}/release", new { }),
            (HttpMethod.Post, $"/api/v1/conversations/{rivalConversation}/close", new { }),
            (HttpMethod.Post, $"/api/v1/conversations/{rivalConversation}/remind", new { }),
            (HttpMethod.Post, $"/api/v1/conversations/{rivalConversation}/transfer", new { operatorId = demo.OperatorId }),
            (HttpMethod.Post, $"/api/v1/conversations/{rivalConversation}/messages", new { text = "hello from the wrong tenant" }),
            (HttpMethod.Patch, $"/api/v1/admin/operators/{rivalOperator}", new { displayName = "hijacked" }),
        };

        foreach (var (method, path, body) in attempts)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            var response = await demo.Http.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path} answered {(int)response.StatusCode}");
            Assert.DoesNotContain("секретный", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // And nothing changed on the rival's side.
        var history = await rival.GetAsync($"/api/v1/conversations/{rivalConversation}/messages?includeBot=true&includeEvents=true");
        Assert.DoesNotContain(history.EnumerateArray(), m => m.GetProperty("direction").GetString() == "Operator");
        var rivalAdmin = await rival.GetAsync("/api/v1/me");
        Assert.NotEqual("hijacked", rivalAdmin.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Inbox_search_and_customers_show_only_the_callers_tenant()
    {
        var marker = "уникальныйтокен" + Guid.NewGuid().ToString("N")[..6];
        var rivalConversation = await fixture.VisitorWritesAsync("rival", $"пароль {marker}");
        using var rival = await fixture.RivalAsync();
        using var demo = await fixture.DemoAsync();
        var rivalCustomer = (await rival.GetAsync($"/api/v1/conversations/{rivalConversation}")).GetProperty("summary").GetProperty("customerId").GetGuid();

        var demoInbox = await demo.GetAsync("/api/v1/inbox?all=true&limit=200");
        var demoSearch = await demo.GetAsync($"/api/v1/search/messages?q={marker}");
        var rivalSearch = await rival.GetAsync($"/api/v1/search/messages?q={marker}");
        var demoCustomers = await demo.GetAsync("/api/v1/customers?q=Website");
        var rivalCustomerFromDemo = await demo.Http.GetAsync($"/api/v1/customers/{rivalCustomer}");

        Assert.DoesNotContain(demoInbox.GetProperty("items").EnumerateArray(), i => i.GetProperty("conversationId").GetGuid() == rivalConversation);
        Assert.Empty(demoSearch.EnumerateArray());
        Assert.Single(rivalSearch.EnumerateArray());
        Assert.DoesNotContain(demoCustomers.EnumerateArray(), c => c.GetProperty("customerId").GetGuid() == rivalCustomer);
        Assert.Equal(HttpStatusCode.NotFound, rivalCustomerFromDemo.StatusCode);
    }

    [Fact]
    public async Task The_live_feed_carries_only_the_callers_tenant()
    {
        using var demo = await fixture.DemoAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events");
        using var response = await demo.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("ready", await NextEventNameAsync(reader));

        var rivalConversation = await fixture.VisitorWritesAsync("rival", "rival only");
        var demoConversation = await fixture.VisitorWritesAsync("demo", "demo only");

        var seen = new List<Guid>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (!seen.Contains(demoConversation))
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("The feed ended.");
            if (line.StartsWith("data: {", StringComparison.Ordinal))
            {
                seen.Add(JsonDocument.Parse(line[6..]).RootElement.GetProperty("conversation").GetProperty("conversationId").GetGuid());
            }
        }

        Assert.DoesNotContain(rivalConversation, seen);
    }

    [Fact]
    public async Task A_rival_canned_reply_or_colleague_cannot_be_used()
    {
        using var rival = await fixture.RivalAsync();
        var canned = await (await rival.PostAsync("/api/v1/admin/canned-replies", new
        {
            id = Guid.Empty,
            shortcut = "rival-secret",
            title = "Rival",
            contents = new[] { new { type = "text", text = "rival secret text" } },
            usageCount = 0,
        })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        using var demo = await fixture.DemoAsync();
        var conversation = await fixture.VisitorWritesAsync("demo", "оператор");
        (await demo.PostAsync($"/api/v1/conversations/{conversation}/take")).EnsureSuccessStatusCode();

        var useRivalCanned = await demo.PostAsync($"/api/v1/conversations/{conversation}/messages", new { cannedReplyId = canned.GetProperty("id").GetGuid() });
        var transferToRival = await demo.PostAsync($"/api/v1/conversations/{conversation}/transfer", new { operatorId = rival.OperatorId });

        Assert.Equal(HttpStatusCode.NotFound, useRivalCanned.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, transferToRival.StatusCode);
        var cannedNow = await rival.GetAsync("/api/v1/canned-replies");
        Assert.Equal(0, cannedNow.EnumerateArray().Single().GetProperty("usageCount").GetInt32());
    }

    private static async Task<string?> NextEventNameAsync(StreamReader reader)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                return line[7..];
            }
        }

        return null;
    }
}
