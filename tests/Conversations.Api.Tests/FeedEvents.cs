using System.Text.Json;
using Conversations.Api.Console;

namespace Conversations.Api.Tests;

/// <summary>Reads the operator feed (<c>GET /api/v1/events</c>) event by event.</summary>
public sealed class FeedEvents : IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private FeedEvents(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    /// <summary>Opens the feed, resuming from <paramref name="lastEventId"/> when given.</summary>
    public static async Task<FeedEvents> OpenAsync(HttpClient http, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new FeedEvents(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>The next event; null when the server ended the stream. Fails after <paramref name="timeout"/>.</summary>
    public async Task<FeedEvent?> NextAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        string? type = null, id = null, data = null;
        while (await _reader.ReadLineAsync(deadline.Token) is { } line)
        {
            if (line.Length == 0)
            {
                if (type is not null || data is not null)
                {
                    return new FeedEvent(type ?? "message", id, string.IsNullOrEmpty(data) ? null : JsonDocument.Parse(data).RootElement.Clone());
                }

                continue;
            }

            var (field, value) = line.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0
                ? (line[..colon], line[(colon + 1)..].TrimStart(' '))
                : (line, "");
            switch (field)
            {
                case "event": type = value; break;
                case "id": id = value; break;
                case "data": data = data is null ? value : data + "\n" + value; break;
            }
        }

        return null;
    }

    /// <summary>Events until one matches <paramref name="last"/> (included).</summary>
    public async Task<List<FeedEvent>> UntilAsync(Func<FeedEvent, bool> last, TimeSpan? timeout = null)
    {
        var events = new List<FeedEvent>();
        while (await NextAsync(timeout) is { } next)
        {
            events.Add(next);
            if (last(next))
            {
                return events;
            }
        }

        throw new InvalidOperationException("The feed ended before the expected event.");
    }

    public void Dispose()
    {
        _reader.Dispose();
        _response.Dispose();
    }

    /// <summary>One server-sent event: its type, id and JSON data.</summary>
    public sealed record FeedEvent(string Type, string? Id, JsonElement? Data)
    {
        /// <summary>The conversation row of a <c>conversation</c> event.</summary>
        public JsonElement Conversation => Data!.Value.GetProperty("conversation");

        /// <summary>True for a <c>conversation</c> event of <paramref name="conversationId"/>.</summary>
        public bool IsAbout(Guid conversationId) => Type == "conversation" && Conversation.GetProperty("conversationId").GetGuid() == conversationId;
    }
}
