using System.Net.Http.Json;
using System.Text.Json;

namespace Conversations.Api.Tests;

/// <summary>A website visitor of the demo tenant's widget, through the widget's visitor API (the client's base address).</summary>
public static class DemoVisitor
{
    /// <summary>A new visitor who wrote <paramref name="text"/>: their client and conversation.</summary>
    public static async Task<(HttpClient Visitor, Guid Conversation)> WriteAsync(ApiFixture fixture, string text)
    {
        var http = new HttpClient { BaseAddress = new Uri(fixture.BaseAddress, "/widget/v1/demo/") };
        var session = await (await http.PostAsJsonAsync("session", new { })).Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new("Bearer", session.GetProperty("token").GetString());
        var stored = await (await http.PostAsJsonAsync("messages", new { clientMessageId = Guid.NewGuid().ToString(), text }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        return (http, stored.GetProperty("conversationId").GetGuid());
    }
}
