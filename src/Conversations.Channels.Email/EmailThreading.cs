using System.Text.RegularExpressions;

namespace Conversations.Channels.Email;

/// <summary>
/// Which of a customer's threads a mail answers: the one its In-Reply-To/References name (RFC 5322 3.6.4: our replies'
/// Message-IDs or the customer's earlier ones), else the one whose token (<see cref="TokenOf"/>, which our replies put in
/// their subject) its subject carries, for mail clients that drop the headers, else the one with the same normalised
/// subject (without Re:/Fwd:/AW:/Ответ: prefixes and our token). Anything else is a new subject: a new thread.
/// </summary>
public static partial class EmailThreading
{
    /// <summary>The index in <paramref name="threads"/> of the thread <paramref name="entry"/> answers, or -1 for a new thread.</summary>
    public static int Match(IReadOnlyList<EmailThread> threads, EmailThreadEntry entry)
    {
        for (var i = threads.Count - 1; i >= 0; i--)
        {
            if (entry.References.Any(threads[i].References.Contains))
            {
                return i;
            }
        }

        if (Token().Match(entry.Subject) is { Success: true } token)
        {
            for (var i = threads.Count - 1; i >= 0; i--)
            {
                if (threads[i].ConversationId is { } id && TokenOf(id) == token.Value)
                {
                    return i;
                }
            }
        }

        var subject = NormalizeSubject(entry.Subject);
        for (var i = threads.Count - 1; subject.Length > 0 && i >= 0; i--)
        {
            if (NormalizeSubject(threads[i].Subject) == subject)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The subject without reply and forward prefixes (English, German, Nordic, Russian; "Re[2]:" too), without our token,
    /// with single spaces and in lower case: what makes two subjects the same conversation.
    /// </summary>
    public static string NormalizeSubject(string subject) =>
        Spaces().Replace(Token().Replace(Prefixes().Replace(subject, ""), " "), " ").Trim().ToLowerInvariant();

    /// <summary>The token of <paramref name="conversationId"/> put in our replies' subjects, like <c>[#3f9a0c12]</c>.</summary>
    /// <remarks>The id's last (random) hex digits: its first ones are a timestamp, the same for conversations opened together.</remarks>
    public static string TokenOf(Guid conversationId) => $"[#{conversationId.ToString("N")[^8..]}]";

    [GeneratedRegex(@"^\s*((re|fwd?|aw|wg|sv|vs|antw|ответ|отв|пересл|rv)\s*(\[\d+\]|\(\d+\))?\s*:\s*)+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Prefixes();

    [GeneratedRegex(@"\[#[0-9a-f]{8}\]", RegexOptions.CultureInvariant)]
    private static partial Regex Token();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
