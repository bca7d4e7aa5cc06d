using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Api.Contracts;
using Conversations.Persistence.Conversations;
using Conversations.Testing;

namespace Conversations.Api.Tests;

/// <summary>
/// Limits on fields (FieldLimits): refused at the edge with a 400 naming the field, stated in the OpenAPI document;
/// stream events bounded whatever the input; history that survives a value stored before the checks.
/// </summary>
public sealed class FieldLimitTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task A_reply_with_a_caption_of_a_mebibyte_is_refused_naming_the_caption_and_nothing_is_sent()
    {
        using var demo = await fixture.DemoAsync();
        var conversation = await fixture.VisitorWritesAsync("demo", "оператор");
        var before = (await demo.GetAsync($"/api/v1/conversations/{conversation}")).GetProperty("summary").GetProperty("lastSeq").GetInt64();

        var problem = await ProblemAsync(await demo.PostAsync($"/api/v1/conversations/{conversation}/messages",
            new { imageUrl = "https://example.com/a.png", caption = new string('x', 1024 * 1024) }));

        Assert.Contains($"$.caption: at most {FieldLimits.Caption} characters", problem, StringComparison.Ordinal);
        Assert.Equal(before, (await demo.GetAsync($"/api/v1/conversations/{conversation}")).GetProperty("summary").GetProperty("lastSeq").GetInt64());
    }

    [Fact]
    public async Task Settings_with_tenant_texts_are_saved_and_a_text_over_its_limit_is_refused_naming_its_key()
    {
        using var rival = await fixture.RivalAsync();
        var original = await rival.GetAsync("/api/v1/admin/settings");
        var edited = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(original.GetRawText())!;

        edited["texts"] = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["widget.slowDown"] = "Not so fast, please." });
        var saved = await rival.Http.PutAsJsonAsync("/api/v1/admin/settings", edited);
        edited["texts"] = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["widget.slowDown"] = new('x', FieldLimits.TenantText + 1) });
        var tooLong = await ProblemAsync(await rival.Http.PutAsJsonAsync("/api/v1/admin/settings", edited));

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("Not so fast, please.", (await rival.GetAsync("/api/v1/admin/settings")).GetProperty("texts").GetProperty("widget.slowDown").GetString());
        Assert.Contains($"$.texts.widget.slowDown: at most {FieldLimits.TenantText} characters", tooLong, StringComparison.Ordinal);
        (await rival.Http.PutAsJsonAsync("/api/v1/admin/settings", original)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_button_payload_over_64_bytes_is_refused_not_truncated()
    {
        using var admin = await fixture.DemoAsync();
        var payload = new string('ж', 33); // 33 characters, 66 bytes in UTF-8

        var problem = await ProblemAsync(await admin.PostAsync("/api/v1/admin/canned-replies", new
        {
            shortcut = "long-payload",
            title = "t",
            contents = new object[] { new { type = "text", text = "Choose", buttons = new[] { new { label = "A", payload } } } },
        }));

        Assert.Contains("$.contents[0].buttons[0].payload: at most 64 bytes", problem, StringComparison.Ordinal);
        var replies = await admin.GetAsync("/api/v1/canned-replies");
        Assert.DoesNotContain(replies.EnumerateArray(), r => r.GetProperty("shortcut").GetString() == "long-payload");
    }

    [Fact]
    public async Task A_too_long_faq_phrasing_is_refused_naming_its_position()
    {
        using var admin = await fixture.DemoAsync();

        var response = await admin.Http.PutAsJsonAsync("/api/v1/admin/bot/faq/limits", new
        {
            id = "limits",
            questions = new[] { "short", new string('q', FieldLimits.FaqQuestion + 1) },
            answer = "a",
        });

        Assert.Contains("$.questions[1]: at most", await ProblemAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_channel_kind_that_does_not_exist_is_a_400_naming_the_route_value()
    {
        using var admin = await fixture.DemoAsync();

        var response = await admin.Http.DeleteAsync("/api/v1/admin/channels/999/some-account");

        Assert.Contains("kind: '999' is not one of", await ProblemAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_supplied_usage_count_is_ignored()
    {
        using var admin = await fixture.DemoAsync();

        var created = await (await admin.PostAsync("/api/v1/admin/canned-replies", new
        {
            shortcut = "counted",
            title = "t",
            contents = new object[] { new { type = "text", text = "hello" } },
            usageCount = 999,
        })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(0, created.GetProperty("usageCount").GetInt64());
    }

    [Fact]
    public async Task The_openapi_document_states_the_limits()
    {
        using var http = fixture.NewClient();
        var schemas = (await http.GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("components").GetProperty("schemas");

        Assert.Equal(FieldLimits.Caption, schemas.GetProperty("SendMessageRequest").GetProperty("properties").GetProperty("caption").GetProperty("maxLength").GetInt32());
    }

    [Fact]
    public async Task History_survives_a_location_stored_as_infinity()
    {
        using var demo = await fixture.DemoAsync();
        var conversation = await fixture.VisitorWritesAsync("demo", "Здравствуйте");

        // A row written before coordinates were checked: straight into the store, past the edge.
        var seq = await StoreAsync(demo.TenantId, conversation, new LocationContent(double.PositiveInfinity, 0));
        var history = await demo.GetAsync($"/api/v1/conversations/{conversation}/messages");

        var stored = Assert.Single(history.EnumerateArray(), m => m.GetProperty("seq").GetInt64() == seq);
        Assert.Equal("invalid_location", stored.GetProperty("content").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_maximum_size_reply_reaches_feeds_within_the_event_budget_and_another_tenants_feed_keeps_flowing()
    {
        using var demo = await fixture.DemoAsync();
        using var rival = await fixture.RivalAsync();
        var text = new string('x', FieldLimits.MessageText);
        var canned = await (await demo.PostAsync("/api/v1/admin/canned-replies", new
        {
            shortcut = "maximum",
            title = "t",
            contents = Enumerable.Repeat<object>(new { type = "text", text }, FieldLimits.MessagesPerReply).ToArray(),
        })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var conversation = await fixture.VisitorWritesAsync("demo", "оператор");
        (await demo.PostAsync($"/api/v1/conversations/{conversation}/take")).EnsureSuccessStatusCode();
        using var demoFeed = await FeedEvents.OpenAsync(demo.Http);
        using var rivalFeed = await FeedEvents.OpenAsync(rival.Http);
        await demoFeed.UntilAsync(e => e.Type == "replayed");
        await rivalFeed.UntilAsync(e => e.Type == "replayed");

        var sent = await (await demo.PostAsync($"/api/v1/conversations/{conversation}/messages", new { cannedReplyId = canned.GetProperty("id").GetGuid() }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement[]>();
        var rivalConversation = await fixture.VisitorWritesAsync("rival", "hello");

        var lastSeq = sent![^1].GetProperty("seq").GetInt64();
        var event_ = (await demoFeed.UntilAsync(e => e.IsAbout(conversation) && e.Conversation.GetProperty("lastSeq").GetInt64() == lastSeq))[^1];
        var carried = event_.Data!.Value.GetProperty("messages").EnumerateArray().ToList();
        Assert.True(carried.Sum(m => m.GetProperty("content").GetProperty("text").GetString()!.Length) <= FeedEventBudget.MaxContentChars);
        Assert.True(carried.Count < sent.Length, "the event names the rest by its sequence number instead of carrying it");
        await rivalFeed.UntilAsync(e => e.IsAbout(rivalConversation), TimeSpan.FromSeconds(5));
        var history = await demo.GetAsync($"/api/v1/conversations/{conversation}/messages?after={lastSeq - sent.Length}");
        Assert.Equal(sent.Length, history.EnumerateArray().Count(m => m.GetProperty("direction").GetString() == "Operator"));
    }

    private async Task<long> StoreAsync(Guid tenantId, Guid conversation, MessageContent content)
    {
        var store = fixture.App.Store;
        var loaded = (await store.LoadAsync(tenantId, conversation))!.Conversation;
        var seq = loaded.LastSeq + 1;
        var message = new ChatMessage(Guid.NewGuid(), conversation, seq, MessageDirection.Customer, content, ChannelKind.Widget, null, null, DateTimeOffset.UtcNow);
        await store.CommitAsync(new ConversationCommit(loaded with { LastSeq = seq, Version = loaded.Version + 1 }, [new MessageRecord(tenantId, loaded.CustomerId, null, message)], []));
        return seq;
    }

    private static async Task<string> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString() ?? "";
    }
}
