using System.Net;
using System.Net.Http.Json;
using Conversations.Testing;

namespace Conversations.Api.Tests;

/// <summary>
/// Typing and read marks (<c>POST .../signals</c>): passed on live to the other side, never stored; refused with the
/// field named when malformed, not found for another tenant, and typing only from the operator who has the chat.
/// </summary>
public sealed class ConversationSignalTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task A_customers_typing_and_read_mark_reach_the_operators_feed_as_signals_without_a_position()
    {
        using var demo = await fixture.DemoAsync();
        var (visitor, conversation) = await DemoVisitor.WriteAsync(fixture, "оператор");
        using (visitor)
        {
            using var feed = await FeedEvents.OpenAsync(demo.Http);
            await feed.UntilAsync(e => e.Type == "replayed");
            var lastSeq = (await demo.GetAsync($"/api/v1/conversations/{conversation}")).GetProperty("summary").GetProperty("lastSeq").GetInt64();

            Assert.Equal(HttpStatusCode.NoContent, (await visitor.PostAsJsonAsync("signals", new { kind = "Typing" })).StatusCode);
            var typing = (await feed.UntilAsync(e => IsSignalOf(e, conversation)))[^1];
            Assert.Equal(HttpStatusCode.NoContent, (await visitor.PostAsJsonAsync("signals", new { kind = "Read", upToSeq = lastSeq })).StatusCode);
            var read = (await feed.UntilAsync(e => IsSignalOf(e, conversation)))[^1];

            Assert.Equal("Typing", typing.Data!.Value.GetProperty("kind").GetString());
            Assert.Null(typing.Id); // not a change: the feed's position stays where it was
            Assert.Equal("Read", read.Data!.Value.GetProperty("kind").GetString());
            Assert.Equal(lastSeq, read.Data!.Value.GetProperty("upToSeq").GetInt64());
            Assert.Equal(lastSeq, (await demo.GetAsync($"/api/v1/conversations/{conversation}")).GetProperty("summary").GetProperty("lastSeq").GetInt64());
        }
    }

    [Fact]
    public async Task Bad_signals_name_the_field_another_tenants_conversation_is_not_found_and_only_the_chats_operator_signals_typing()
    {
        using var demo = await fixture.DemoAsync();
        using var rival = await fixture.RivalAsync();
        var (visitor, conversation) = await DemoVisitor.WriteAsync(fixture, "оператор");
        using (visitor)
        {
            var path = $"/api/v1/conversations/{conversation}/signals";
            var noKind = await demo.PostAsync(path, new { upToSeq = 1 });
            var readNowhere = await demo.PostAsync(path, new { kind = "Read" });
            var unknownKind = await demo.PostAsync(path, new { kind = "Shout" });
            var foreign = await rival.PostAsync(path, new { kind = "Read", upToSeq = 1 });
            Assert.Equal(HttpStatusCode.OK, (await demo.PostAsync($"/api/v1/conversations/{conversation}/take")).StatusCode);
            using var colleague = await ColleagueAsync(demo);
            var colleagueTyping = await colleague.PostAsync(path, new { kind = "Typing" });
            var visitorReadNowhere = await visitor.PostAsJsonAsync("signals", new { kind = "Read", upToSeq = -1 });
            using var stranger = new HttpClient { BaseAddress = visitor.BaseAddress };
            var noToken = await stranger.PostAsJsonAsync("signals", new { kind = "Typing" });

            await AssertRefusedAsync(noKind, HttpStatusCode.BadRequest, "kind");
            await AssertRefusedAsync(readNowhere, HttpStatusCode.BadRequest, "$.upToSeq");
            await AssertRefusedAsync(unknownKind, HttpStatusCode.BadRequest, "kind");
            await AssertRefusedAsync(foreign, HttpStatusCode.NotFound, "conversation");
            await AssertRefusedAsync(colleagueTyping, HttpStatusCode.Conflict, "has this chat");
            await AssertRefusedAsync(visitorReadNowhere, HttpStatusCode.BadRequest, "upToSeq");
            Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);

            Assert.Equal(HttpStatusCode.NoContent, (await demo.PostAsync(path, new { kind = "Typing" })).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await colleague.PostAsync(path, new { kind = "Read", upToSeq = 1 })).StatusCode);
        }
    }

    /// <summary>Another operator of the demo tenant, signed in.</summary>
    private async Task<ApiSession> ColleagueAsync(ApiSession admin)
    {
        var username = "sig" + Guid.NewGuid().ToString("N")[..8];
        (await admin.PostAsync("/api/v1/admin/operators", new { username, displayName = "Signal Colleague", password = "colleague-password-1", role = "Operator" }))
            .EnsureSuccessStatusCode();
        return await ApiSession.SignInAsync(fixture.NewClient(), "demo", username, "colleague-password-1");
    }

    private static bool IsSignalOf(FeedEvents.FeedEvent e, Guid conversation) =>
        e.Type == "signal" && e.Data!.Value.GetProperty("conversationId").GetGuid() == conversation;

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string named)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} instead of {(int)status}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(named, body, StringComparison.OrdinalIgnoreCase);
    }
}
