namespace Conversations.Abstractions.Messages;

/// <summary>
/// The start command a customer's first message may carry: <c>/start</c> or <c>/start &lt;payload&gt;</c> (also
/// <c>/start@bot_name</c>), as a Telegram deep link or a widget's entry sends it. The payload names the entry point.
/// </summary>
public static class StartCommand
{
    /// <summary>True when <paramref name="text"/> is the start command; <paramref name="payload"/> is what follows it, or null.</summary>
    public static bool TryParse(string text, out string? payload)
    {
        ArgumentNullException.ThrowIfNull(text);
        payload = null;
        var trimmed = text.Trim();
        if (!trimmed.StartsWith("/start", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = trimmed["/start".Length..];
        if (rest.StartsWith('@'))
        {
            var space = rest.IndexOf(' ', StringComparison.Ordinal);
            rest = space < 0 ? "" : rest[space..];
        }

        if (rest.Length > 0 && !char.IsWhiteSpace(rest[0]))
        {
            return false; // "/started" is not the command
        }

        payload = rest.Trim() is { Length: > 0 } value ? value : null;
        return true;
    }
}
