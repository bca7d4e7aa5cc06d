using System.Globalization;
using System.Text.Json;
using Conversations.Abstractions.Channels;
using Conversations.Grains.Channels;

namespace Conversations.Channels.Telegram.Tests;

/// <summary>Recorded Telegram Update JSON with placeholders for the ids (so tests do not collide) and the text.</summary>
internal static class Fixture
{
    private static long _next = 10_000;

    public static long NewUserId() => Interlocked.Increment(ref _next) * 1000;

    public static int NewUpdateId() => (int)Interlocked.Increment(ref _next);

    public static string Load(string name, long userId, int? updateId = null, string text = "", int? messageId = null)
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name + ".json"));
        var encodedText = JsonSerializer.Serialize(text)[1..^1];
        return json
            .Replace("{{update_id}}", (updateId ?? NewUpdateId()).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{user_id}}", userId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{message_id}}", (messageId ?? 1).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{text}}", encodedText, StringComparison.Ordinal);
    }
}
