using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Testing;

namespace Conversations.Api.Tests;

/// <summary>
/// Labels on conversations: any operator of the tenant sets them, they are normalized and shown on inbox rows, the inbox
/// filters by one, the tenant's labels in use are listed with counts, each change is an event in the history, and bad or
/// foreign requests are refused.
/// </summary>
public sealed class ConversationLabelTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Labels_are_normalized_shown_in_the_inbox_filtered_by_and_counted()
    {
        using var demo = await fixture.DemoAsync();
        var tag = $"refund-{Guid.NewGuid():N}"[..20];
        var (first, labelled) = await VisitorAsync("Хочу вернуть деньги");
        var (second, other) = await VisitorAsync("Где мой заказ?");
        using (first)
        using (second)
        {
            var row = await ReadAsync(await demo.Http.PutAsJsonAsync($"/api/v1/conversations/{labelled}/labels",
                new { labels = new[] { $"  {tag.ToUpperInvariant()} ", "VIP  client", "vip client" } }));
            Assert.Equal([tag, "vip client"], Labels(row));

            var filtered = await demo.GetAsync($"/api/v1/inbox?label={Uri.EscapeDataString(tag.ToUpperInvariant())}");
            var ids = filtered.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("conversationId").GetGuid()).ToList();
            Assert.Contains(labelled, ids);
            Assert.DoesNotContain(other, ids);
            var shown = filtered.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("conversationId").GetGuid() == labelled);
            Assert.Equal([tag, "vip client"], Labels(shown));

            var inUse = await demo.GetAsync("/api/v1/labels");
            Assert.Contains(inUse.EnumerateArray(), l => l.GetProperty("label").GetString() == tag && l.GetProperty("conversations").GetInt32() == 1);

            // Taking one off is an event naming what changed; the conversation leaves the filter.
            row = await ReadAsync(await demo.Http.PutAsJsonAsync($"/api/v1/conversations/{labelled}/labels", new { labels = new[] { "vip client" } }));
            Assert.Equal(["vip client"], Labels(row));
            var history = await demo.GetAsync($"/api/v1/conversations/{labelled}/messages?includeEvents=true");
            var events = history.EnumerateArray().Select(m => m.GetProperty("content"))
                .Where(c => c.TryGetProperty("event", out var e) && e.GetString() == "LabelsChanged")
                .Select(c => c.GetProperty("detail").GetString()).ToList();
            Assert.Equal([$"+{tag} +vip client", $"\u2212{tag}"], events);
            var after = await demo.GetAsync($"/api/v1/inbox?label={tag}");
            Assert.DoesNotContain(after.GetProperty("items").EnumerateArray(), i => i.GetProperty("conversationId").GetGuid() == labelled);
            Assert.DoesNotContain((await demo.GetAsync("/api/v1/labels")).EnumerateArray(), l => l.GetProperty("label").GetString() == tag);

            // Setting the same labels again changes nothing and writes no event.
            await ReadAsync(await demo.Http.PutAsJsonAsync($"/api/v1/conversations/{labelled}/labels", new { labels = new[] { "VIP client" } }));
            var again = await demo.GetAsync($"/api/v1/conversations/{labelled}/messages?includeEvents=true");
            Assert.Equal(history.GetArrayLength(), again.GetArrayLength());
        }
    }

    [Fact]
    public async Task Bad_labels_and_another_tenants_conversation_are_refused()
    {
        using var demo = await fixture.DemoAsync();
        using var rival = await fixture.RivalAsync();
        var (visitor, conversation) = await VisitorAsync("Здравствуйте, вопрос");
        using (visitor)
        {
            var path = $"/api/v1/conversations/{conversation}/labels";
            var symbol = await demo.Http.PutAsJsonAsync(path, new { labels = new[] { "ok", "no,comma" } });
            var empty = await demo.Http.PutAsJsonAsync(path, new { labels = new[] { "  " } });
            var tooLong = await demo.Http.PutAsJsonAsync(path, new { labels = new[] { new string('a', 33) } });
            var tooMany = await demo.Http.PutAsJsonAsync(path, new { labels = Enumerable.Range(0, 21).Select(i => $"l{i}").ToArray() });
            var missing = await demo.Http.PutAsJsonAsync(path, new { });
            var badFilter = await demo.Http.GetAsync("/api/v1/inbox?label=%3Cscript%3E");
            var foreign = await rival.Http.PutAsJsonAsync(path, new { labels = new[] { "peek" } });

            await AssertProblemAsync(symbol, HttpStatusCode.BadRequest, "labels[1]", "','");
            await AssertProblemAsync(empty, HttpStatusCode.BadRequest, "labels[0]", "empty");
            await AssertProblemAsync(tooLong, HttpStatusCode.BadRequest, "labels", "32");
            await AssertProblemAsync(tooMany, HttpStatusCode.BadRequest, "labels", "20");
            await AssertProblemAsync(missing, HttpStatusCode.BadRequest, "labels", "");
            await AssertProblemAsync(badFilter, HttpStatusCode.BadRequest, "label", "'<'");
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);

            // Nothing was stored by the refused requests, and the rival's label list shows nothing of ours.
            var detail = await demo.GetAsync($"/api/v1/conversations/{conversation}");
            Assert.Empty(Labels(detail.GetProperty("summary")));
            await ReadAsync(await demo.Http.PutAsJsonAsync(path, new { labels = new[] { "demo-only" } }));
            Assert.DoesNotContain((await rival.GetAsync("/api/v1/labels")).EnumerateArray(), l => l.GetProperty("label").GetString() == "demo-only");
            Assert.Empty((await rival.GetAsync("/api/v1/inbox?label=demo-only")).GetProperty("items").EnumerateArray());
        }
    }

    private static List<string> Labels(JsonElement row) =>
        row.TryGetProperty("labels", out var labels) && labels.ValueKind == JsonValueKind.Array ? [.. labels.EnumerateArray().Select(l => l.GetString()!)] : [];

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field, string reason)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Contains(field, body, StringComparison.Ordinal);
        Assert.Contains(reason, body, StringComparison.Ordinal);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<(HttpClient Visitor, Guid Conversation)> VisitorAsync(string text)
    {
        var http = new HttpClient { BaseAddress = new Uri(fixture.BaseAddress, "/widget/v1/demo/") };
        var session = await (await http.PostAsJsonAsync("session", new { })).Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new("Bearer", session.GetProperty("token").GetString());
        var stored = await (await http.PostAsJsonAsync("messages", new { clientMessageId = Guid.NewGuid().ToString(), text }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        return (http, stored.GetProperty("conversationId").GetGuid());
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
