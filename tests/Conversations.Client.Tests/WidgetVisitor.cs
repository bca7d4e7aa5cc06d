using System.Net.Http.Json;
using System.Text.Json;

namespace Conversations.Client.Tests;

/// <summary>A customer on the demo website widget: writes messages as the widget script does.</summary>
public sealed class WidgetVisitor(HttpClient http, string widget) : IDisposable
{
    public static async Task<WidgetVisitor> StartAsync(HttpClient http, string widget)
    {
        var session = await (await http.PostAsJsonAsync($"/widget/v1/{widget}/session", new { })).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new("Bearer", session.GetProperty("token").GetString());
        return new WidgetVisitor(http, widget);
    }

    /// <summary>Writes <paramref name="text"/> (stored when this returns); returns the conversation's id.</summary>
    public async Task<Guid> WriteAsync(string text)
    {
        var stored = await (await http.PostAsJsonAsync($"/widget/v1/{widget}/messages", new { clientMessageId = Guid.NewGuid().ToString(), text }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        return stored.GetProperty("conversationId").GetGuid();
    }

    public void Dispose() => http.Dispose();
}
