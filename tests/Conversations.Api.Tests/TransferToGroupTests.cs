using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Testing;

namespace Conversations.Api.Tests;

/// <summary>
/// Transfer to a group through the API: an admin puts operators in groups, an operator passes a chat to a group and it
/// waits in the queue marked with it; a request naming both a colleague and a group, a bad name, or a group nobody is
/// in is refused with the field and the reason.
/// </summary>
public sealed class TransferToGroupTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task An_admin_puts_an_operator_in_groups_and_a_chat_passed_to_the_group_waits_for_it_in_the_queue()
    {
        using var demo = await fixture.DemoAsync();
        var username = "billing" + Guid.NewGuid().ToString("N")[..6];
        var created = await Read(await demo.PostAsync("/api/v1/admin/operators", new
        {
            username, displayName = "Billing Olga", password = "olga-password-1", role = "Operator",
        }));
        var olgaId = created.GetProperty("operatorId").GetGuid();
        var updated = await Read(await demo.Http.PatchAsJsonAsync($"/api/v1/admin/operators/{olgaId}", new { groups = new[] { "Billing", "returns" } }));
        Assert.Equal(["billing", "returns"], updated.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
        var colleagues = await demo.GetAsync("/api/v1/operators");
        Assert.Contains(colleagues.EnumerateArray(), o => o.GetProperty("operatorId").GetGuid() == olgaId
            && o.GetProperty("groups").EnumerateArray().Any(g => g.GetString() == "billing"));

        var (visitor, conversation) = await VisitorAsync("Мне дважды списали деньги");
        using (visitor)
        {
            await Read(await demo.PostAsync($"/api/v1/conversations/{conversation}/take"));
            var passed = await Read(await demo.PostAsync($"/api/v1/conversations/{conversation}/transfer", new { group = "BILLING", note = "Двойное списание" }));

            Assert.Equal("WaitingForOperator", passed.GetProperty("status").GetString());
            var queue = await demo.GetAsync("/api/v1/queue");
            var entry = queue.EnumerateArray().Single(e => e.GetProperty("conversationId").GetGuid() == conversation);
            Assert.Equal("billing", entry.GetProperty("group").GetString());
            var seen = await visitor.GetFromJsonAsync<JsonElement>("messages");
            Assert.Contains(seen.EnumerateArray(), m => m.GetProperty("content").TryGetProperty("text", out var t) && t.GetString()!.Contains("(billing)", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Both_or_neither_a_bad_name_and_an_empty_group_are_refused_and_the_chat_stays()
    {
        using var demo = await fixture.DemoAsync();
        var (visitor, conversation) = await VisitorAsync("Вопрос по возврату");
        using (visitor)
        {
            await Read(await demo.PostAsync($"/api/v1/conversations/{conversation}/take"));
            var path = $"/api/v1/conversations/{conversation}/transfer";

            var both = await demo.PostAsync(path, new { operatorId = demo.OperatorId, group = "billing" });
            var neither = await demo.PostAsync(path, new { note = "?" });
            var badName = await demo.PostAsync(path, new { group = "bill/ing" });
            var nobody = await demo.PostAsync(path, new { group = "no-such-group" + Guid.NewGuid().ToString("N")[..4] });
            var badGroups = await demo.Http.PatchAsJsonAsync($"/api/v1/admin/operators/{demo.OperatorId}", new { groups = new[] { "ok", "" } });

            await AssertProblemAsync(both, HttpStatusCode.BadRequest, "operatorId, group");
            await AssertProblemAsync(neither, HttpStatusCode.BadRequest, "operatorId, group");
            await AssertProblemAsync(badName, HttpStatusCode.BadRequest, "group: '/'");
            await AssertProblemAsync(nobody, HttpStatusCode.UnprocessableEntity, "no operator is in the group");
            await AssertProblemAsync(badGroups, HttpStatusCode.BadRequest, "groups[1]");
            var detail = await demo.GetAsync($"/api/v1/conversations/{conversation}");
            Assert.Equal("LiveChat", detail.GetProperty("summary").GetProperty("status").GetString());
        }
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string text)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Contains(text, body, StringComparison.Ordinal);
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

    private static async Task<JsonElement> Read(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
