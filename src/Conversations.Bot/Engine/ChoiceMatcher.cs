using System.Globalization;
using System.Text;

namespace Conversations.Bot.Engine;

/// <summary>Finds which choice an input picks: a pressed button by payload, or typed text by number or label.</summary>
internal static class ChoiceMatcher
{
    /// <summary>The index of the chosen option, or null.</summary>
    /// <param name="input">The customer's input.</param>
    /// <param name="choices">The options, in display order (numbers start at 1).</param>
    /// <param name="acceptNumbers">Whether a typed "2" means the second option.</param>
    public static int? Match(BotInput input, IReadOnlyList<Choice> choices, bool acceptNumbers = true)
    {
        switch (input)
        {
            case ButtonPressInput press:
                var byPayload = IndexOf(choices, c => string.Equals(c.Payload, press.Payload, StringComparison.Ordinal));
                return byPayload;
            case TextInput text:
                var typed = Normalize(text.Text);
                if (acceptNumbers && int.TryParse(typed, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                    && number >= 1 && number <= choices.Count)
                {
                    return number - 1;
                }

                return typed.Length == 0 ? null : IndexOf(choices, c => Normalize(c.Label) == typed);
            default:
                return null;
        }
    }

    /// <summary>
    /// Lower-case letters and digits separated by single spaces, "ё" as "е": "📦 Каталог!" and "каталог" compare equal.
    /// </summary>
    public static string Normalize(string text)
    {
        var normalized = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                normalized.Append(c is 'ё' or 'Ё' ? 'е' : char.ToLowerInvariant(c));
            }
            else if (normalized.Length > 0 && normalized[^1] != ' ')
            {
                normalized.Append(' ');
            }
        }

        return normalized.ToString().TrimEnd();
    }

    private static int? IndexOf(IReadOnlyList<Choice> choices, Func<Choice, bool> predicate)
    {
        for (var i = 0; i < choices.Count; i++)
        {
            if (predicate(choices[i]))
            {
                return i;
            }
        }

        return null;
    }
}
