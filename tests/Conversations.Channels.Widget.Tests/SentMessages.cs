using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;

namespace Conversations.Channels.Widget.Tests;

/// <summary>
/// The messages a widget page sends (<c>POST .../messages</c>), seen on the wire: each one's <c>clientMessageId</c>, in
/// order. The first send is answered by the test's own handler (a lost answer, a 429...); later ones reach the server.
/// </summary>
internal sealed class SentMessages
{
    private readonly ConcurrentQueue<string> _ids = new();
    private int _routed;

    /// <summary>How many sends the page made.</summary>
    public int Count => _ids.Count;

    /// <summary>Their client message ids, in order.</summary>
    public IReadOnlyList<string> Ids => [.. _ids];

    /// <summary>Routes the page's sends: the first to <paramref name="first"/>, the rest to the server.</summary>
    public static async Task<SentMessages> RouteAsync(IPage page, Func<IRoute, Task> first)
    {
        var sent = new SentMessages();
        await page.RouteAsync("**/widget/v1/*/messages", async route =>
        {
            if (route.Request.Method != "POST")
            {
                await route.ContinueAsync();
                return;
            }

            sent._ids.Enqueue(JsonDocument.Parse(route.Request.PostData!).RootElement.GetProperty("clientMessageId").GetString()!);
            if (Interlocked.Increment(ref sent._routed) == 1)
            {
                await first(route);
                return;
            }

            await route.ContinueAsync();
        });
        return sent;
    }
}
