using System.Globalization;
using System.Text;
using Conversations.Abstractions.Common;

namespace Conversations.Abstractions.Conversations;

/// <summary>
/// Labels operators put on conversations to sort and find them ("refund", "vip", in any script): lower case, spaces
/// collapsed, letters, digits, spaces, '-', '_' and '.' only, each at most <see cref="MaxLength"/> characters and at most
/// <see cref="MaxCount"/> on one conversation.
/// </summary>
public static class ConversationLabels
{
    /// <summary>Most labels on one conversation.</summary>
    public const int MaxCount = 20;

    /// <summary>Longest label.</summary>
    public const int MaxLength = 32;

    /// <summary>
    /// The labels as stored: each normalized (trimmed, spaces collapsed, lower case), duplicates dropped, in the order
    /// given; a label that breaks the rules is refused naming it (<c>labels[i]</c>) and the reason.
    /// </summary>
    public static IReadOnlyList<string> Normalize(IReadOnlyList<string?>? labels)
    {
        labels ??= [];
        var result = new List<string>();
        for (var i = 0; i < labels.Count; i++)
        {
            var label = One(labels[i], $"labels[{i}]");
            if (!result.Contains(label, StringComparer.Ordinal))
            {
                result.Add(label);
            }
        }

        return result.Count > MaxCount ? throw DomainException.Invalid($"labels: at most {MaxCount} labels on one conversation.") : result;
    }

    /// <summary>One label normalized, or refused naming <paramref name="field"/> and the reason.</summary>
    public static string One(string? label, string field = "label")
    {
        var builder = new StringBuilder();
        foreach (var c in (label ?? "").Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                if (builder.Length > 0 && builder[^1] != ' ')
                {
                    builder.Append(' ');
                }

                continue;
            }

            if (!char.IsLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                throw DomainException.Invalid($"{field}: '{c}' is not allowed; use letters, digits, spaces, '-', '_' or '.'.");
            }

            builder.Append(char.ToLower(c, CultureInfo.InvariantCulture));
        }

        return builder.Length switch
        {
            0 => throw DomainException.Invalid($"{field}: a label cannot be empty."),
            > MaxLength => throw DomainException.Invalid($"{field}: at most {MaxLength} characters."),
            _ => builder.ToString(),
        };
    }
}
