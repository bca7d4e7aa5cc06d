using System.Globalization;
using Conversations.Api.Contracts.Channels;
using Conversations.Api.Contracts.Conversations;
using Conversations.Api.Contracts.Messages;

namespace Conversations.Cli.Output;

/// <summary>How the CLI writes the API's values for people.</summary>
internal static class Format
{
    /// <summary>A countdown: "23h05m", "12m", "&lt;1m", "closed" at zero, "-" when there is none.</summary>
    public static string Countdown(double? secondsLeft) => secondsLeft switch
    {
        null => "-",
        <= 0 => "closed",
        < 60 => "<1m",
        _ when TimeSpan.FromSeconds(secondsLeft.Value) is var left && left.TotalHours >= 1 =>
            string.Create(CultureInfo.InvariantCulture, $"{(int)left.TotalHours}h{left.Minutes:00}m"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)TimeSpan.FromSeconds(secondsLeft.Value).TotalMinutes}m"),
    };

    /// <summary>The status in a word, with the operator for live chats.</summary>
    public static string Status(InboxItem item) => item.Status switch
    {
        ConversationStatus.Bot => "bot",
        ConversationStatus.WaitingForOperator => "waiting",
        ConversationStatus.LiveChat => item.OperatorName is { } name ? $"live ({name})" : "live",
        ConversationStatus.Closed => "closed",
        var other => other.ToString(),
    };

    /// <summary>The channel's name, or "-".</summary>
    public static string Channel(ChannelKind? channel) => channel?.ToString().ToLowerInvariant() ?? "-";

    /// <summary>Who wrote a message, as a label.</summary>
    public static string Author(ApiMessage message, string customerName) => message.Direction switch
    {
        MessageDirection.Customer => customerName,
        MessageDirection.Bot => "bot",
        MessageDirection.Operator => "operator",
        _ => "*",
    };

    /// <summary>Where a stored file downloads (<c>/api/v1/media/{id}</c>), or null when it is not stored.</summary>
    private static string? MediaPath(MediaAttachment? media) => media?.MediaId is { } id ? $"/api/v1/media/{id}" : null;

    /// <summary>A message's content on one line.</summary>
    public static string Content(MessageContent content) => OneLine(content switch
    {
        TextContent text => text.Buttons is { Count: > 0 } buttons ? $"{text.Text} {Buttons(buttons)}" : text.Text,
        ImageContent image => Join("[image]", image.Url ?? MediaPath(image.Media) ?? image.FileId, image.Caption, image.Buttons is { Count: > 0 } b ? Buttons(b) : null),
        LinkContent link => Join("[link]", link.Text, $"{link.Title} <{link.Url}>"),
        DocumentContent document => Join("[file]", document.FileName ?? document.FileId, document.Caption),
        ContactContent contact => Join("[contact]", contact.ToPlainText()),
        LocationContent location => string.Create(CultureInfo.InvariantCulture, $"[location] {location.Latitude}, {location.Longitude}"),
        ButtonPressContent press => Join("[pressed]", press.Label ?? press.Payload),
        UnsupportedContent unsupported => $"[{unsupported.Kind}]",
        EventContent happened => happened.Detail is { Length: > 0 } detail ? $"({Words(happened.Event.ToString())}: {detail})" : $"({Words(happened.Event.ToString())})",
        NotificationContent notification => Join("[notification]", notification.Subject),
        TemplateContent template => Join($"[template {template.Name}]", template.Preview),
        _ => "[a kind of message this CLI does not know]",
    });

    /// <summary>A time of day in the local zone, with the date when it is not today.</summary>
    public static string When(DateTimeOffset at, DateTimeOffset now)
    {
        var local = at.ToLocalTime();
        return local.Date == now.ToLocalTime().Date
            ? local.ToString("HH:mm:ss", CultureInfo.InvariantCulture)
            : local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary><paramref name="text"/> cut to <paramref name="width"/> characters, with an ellipsis when cut.</summary>
    public static string Clip(string text, int width)
    {
        var line = OneLine(text);
        return line.Length <= width ? line : string.Concat(line.AsSpan(0, width - 1), "…");
    }

    private static string Buttons(IEnumerable<Button> buttons) => string.Join(' ', buttons.Select(b => $"[{b.Label}]"));

    private static string Join(params string?[] parts) => string.Join(' ', parts.Where(p => !string.IsNullOrWhiteSpace(p)));

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    /// <summary>"LiveChatStarted" → "live chat started".</summary>
    private static string Words(string pascal) =>
        string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
