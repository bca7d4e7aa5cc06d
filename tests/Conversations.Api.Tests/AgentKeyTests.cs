using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Testing;

namespace Conversations.Api.Tests;

/// <summary>
/// Integrations as agents: an API key with the role Agent takes, answers, releases and transfers chats like an operator,
/// recorded under its own id and name; and private notes, which operators see and customers never get.
/// </summary>
public sealed class AgentKeyTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task An_agent_key_takes_replies_transfers_and_releases_a_chat_as_itself()
    {
        using var admin = await fixture.DemoAsync();
        var created = await (await admin.PostAsync("/api/v1/admin/api-keys", new { name = "Helpdesk AI", role = "Agent" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var agentId = created.GetProperty("info").GetProperty("id").GetGuid();
        Assert.Equal("Agent", created.GetProperty("info").GetProperty("role").GetString());
        using var agent = fixture.NewClient();
        agent.DefaultRequestHeaders.Add("X-Api-Key", created.GetProperty("key").GetString());
        var (visitor, conversation) = await VisitorAsync("Где мой заказ?");
        using (visitor)
        {
            var taken = await ReadAsync(await agent.PostAsJsonAsync($"/api/v1/conversations/{conversation}/take", new { }));
            Assert.Equal("LiveChat", taken.GetProperty("status").GetString());
            Assert.Equal(agentId, taken.GetProperty("assignedOperatorId").GetGuid());

            var sent = await ReadAsync(await agent.PostAsJsonAsync($"/api/v1/conversations/{conversation}/messages", new { text = "Заказ в пути, будет завтра." }));
            Assert.Equal(agentId, sent[0].GetProperty("operatorId").GetGuid());

            // The customer got the answer, from an operator named after the key.
            var seen = await visitor.GetFromJsonAsync<JsonElement>("messages");
            Assert.Contains(seen.EnumerateArray(), m => m.GetProperty("from").GetString() == "operator" && TextOf(m) == "Заказ в пути, будет завтра.");
            Assert.Contains(seen.EnumerateArray(), m => TextOf(m)?.Contains("Helpdesk AI", StringComparison.Ordinal) == true);

            // The history says who did what: the key's id on its events.
            var history = await admin.GetAsync($"/api/v1/conversations/{conversation}/messages?includeEvents=true");
            Assert.Contains(history.EnumerateArray(), m => m.GetProperty("content").GetProperty("type").GetString() == "event"
                && m.GetProperty("content").GetProperty("event").GetString() == "LiveChatStarted"
                && m.GetProperty("content").GetProperty("operatorId").GetGuid() == agentId);

            var released = await ReadAsync(await agent.PostAsJsonAsync($"/api/v1/conversations/{conversation}/release", new { }));
            Assert.Equal("Bot", released.GetProperty("status").GetString());

            // It hands the chat to a human with a note, as an operator would; the note is kept under the key's id.
            await ReadAsync(await agent.PostAsJsonAsync($"/api/v1/conversations/{conversation}/take", new { }));
            var transferred = await ReadAsync(await agent.PostAsJsonAsync($"/api/v1/conversations/{conversation}/transfer",
                new { operatorId = admin.OperatorId, note = "Клиент ждёт курьера, уточните время" }));
            Assert.Equal(admin.OperatorId, transferred.GetProperty("assignedOperatorId").GetGuid());
            var after = await admin.GetAsync($"/api/v1/conversations/{conversation}/messages?includeEvents=true");
            Assert.Contains(after.EnumerateArray(), m => m.GetProperty("content").GetProperty("type").GetString() == "event"
                && m.GetProperty("content").GetProperty("event").GetString() == "NoteAdded"
                && m.GetProperty("content").TryGetProperty("detail", out var detail) && detail.GetString() == "Клиент ждёт курьера, уточните время"
                && m.GetProperty("content").GetProperty("operatorId").GetGuid() == agentId);
        }

        // It configures nothing.
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/v1/admin/settings")).StatusCode);
    }

    [Fact]
    public async Task Agent_is_a_role_for_api_keys_not_for_operators()
    {
        using var admin = await fixture.DemoAsync();

        var response = await admin.PostAsync("/api/v1/admin/operators",
            new { username = "robot" + Guid.NewGuid().ToString("N")[..6], displayName = "Robot", password = "robot-password-1", role = "Agent" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("role", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_private_note_is_shown_to_operators_and_never_reaches_the_customer()
    {
        using var demo = await fixture.DemoAsync();
        var (visitor, conversation) = await VisitorAsync("Хочу вернуть товар");
        using (visitor)
        {
            var secret = $"VIP, не предлагать скидку {Guid.NewGuid():N}";
            var note = await ReadAsync(await demo.PostAsync($"/api/v1/conversations/{conversation}/notes", new { text = secret }));
            Assert.Equal("NoteAdded", note.GetProperty("content").GetProperty("event").GetString());
            Assert.Equal(secret, note.GetProperty("content").GetProperty("detail").GetString());
            Assert.Equal(demo.OperatorId, note.GetProperty("operatorId").GetGuid());

            var history = await demo.GetAsync($"/api/v1/conversations/{conversation}/messages?includeEvents=true");
            Assert.Contains(history.EnumerateArray(), m => m.GetProperty("content").TryGetProperty("detail", out var detail) && detail.GetString() == secret);

            // The customer's channel (the widget's visitor API) shows nothing of it, now or in the history read later.
            (await demo.PostAsync($"/api/v1/conversations/{conversation}/take")).EnsureSuccessStatusCode();
            (await demo.PostAsync($"/api/v1/conversations/{conversation}/messages", new { text = "Поможем с возвратом." })).EnsureSuccessStatusCode();
            var seen = await ChannelTextAsync(visitor);
            Assert.Contains("Поможем с возвратом.", seen, StringComparison.Ordinal);
            Assert.DoesNotContain("VIP", seen, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_note_without_text_or_of_another_tenant_is_refused()
    {
        using var demo = await fixture.DemoAsync();
        using var rival = await fixture.RivalAsync();
        var (visitor, conversation) = await VisitorAsync("Здравствуйте");
        using (visitor)
        {
            var empty = await demo.PostAsync($"/api/v1/conversations/{conversation}/notes", new { text = "   " });
            var tooLong = await demo.PostAsync($"/api/v1/conversations/{conversation}/notes", new { text = new string('a', 4097) });
            var foreign = await rival.PostAsync($"/api/v1/conversations/{conversation}/notes", new { text = "peek" });

            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
            Assert.Contains("text", await empty.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
            Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
            Assert.Contains("text", await tooLong.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }
    }

    /// <summary>A widget visitor of the demo tenant who wrote <paramref name="text"/>: their client (base: the visitor API) and conversation.</summary>
    private Task<(HttpClient Visitor, Guid Conversation)> VisitorAsync(string text) => DemoVisitor.WriteAsync(fixture, text);

    private static string? TextOf(JsonElement message) =>
        message.GetProperty("content").TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>What the visitor's channel (the widget's visitor API) shows them, as readable JSON text.</summary>
    private static async Task<string> ChannelTextAsync(HttpClient visitor) =>
        JsonSerializer.Serialize(await visitor.GetFromJsonAsync<JsonElement>("messages"),
            new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
