using Conversations.Abstractions.Messages;

namespace Conversations.Abstractions.Conversations;

/// <summary>
/// Keeps every <see cref="ConversationEvent"/> small whatever a message holds. The tenant streams share queues, and
/// the stream delivers events in batches: one event near the transport's message size would hold up or drop the
/// events of every tenant in its batch. An event therefore carries messages only up to <see cref="MaxContentChars"/>;
/// the rest stay in the database, and the event's <see cref="ConversationView.LastSeq"/> tells readers to fetch them
/// from the history (the feed's documented catch-up), so nothing is lost, only fetched instead of pushed.
/// </summary>
public static class FeedEventBudget
{
    /// <summary>Most characters of message content one event carries (at most about 96 KB in UTF-8).</summary>
    public const int MaxContentChars = 32 * 1024;

    /// <summary>The longest prefix of <paramref name="messages"/> whose contents fit the budget together.</summary>
    public static IReadOnlyList<ChatMessage> Fit(IReadOnlyList<ChatMessage> messages)
    {
        var total = 0L;
        for (var i = 0; i < messages.Count; i++)
        {
            total += Size(messages[i].Content);
            if (total > MaxContentChars)
            {
                return [.. messages.Take(i)];
            }
        }

        return messages;
    }

    /// <summary>The characters a content carries (its texts, URLs and ids), which dominate its serialized size.</summary>
    public static long Size(MessageContent content) => content switch
    {
        TextContent c => c.Text.Length + Size(c.Buttons),
        ImageContent c => Length(c.Url) + Length(c.FileId) + Length(c.Caption) + Size(c.Buttons),
        LinkContent c => c.Url.Length + c.Title.Length + Length(c.Text),
        DocumentContent c => c.FileId.Length + Length(c.FileName) + Length(c.MimeType) + Length(c.Caption),
        ContactContent c => c.PhoneNumber.Length + Length(c.FirstName) + Length(c.LastName) + Length(c.ExternalUserId),
        ButtonPressContent c => c.Payload.Length + Length(c.Label),
        UnsupportedContent c => c.Kind.Length,
        EventContent c => Length(c.Detail),
        NotificationContent c => c.Event.Length + c.Subject.Length + c.Body.Length + c.Json.Length,
        _ => content.ToPlainText().Length,
    };

    private static long Size(IReadOnlyList<Button>? buttons) =>
        buttons?.Sum(b => (long)Length(b.Label) + Length(b.Payload) + Length(b.Url)) ?? 0;

    private static int Length(string? text) => text?.Length ?? 0;
}
