using System.Globalization;

namespace Conversations.Bot.Understanding;

/// <summary>
/// Notices a customer getting frustrated with the bot, from signals that add up to a score: the same or a nearly
/// identical question again (+<see cref="RepeatWeight"/>), a negative phrase in Russian or English ("ты не понимаешь",
/// "useless", +<see cref="NegativeWeight"/>), shouting in capitals (+<see cref="ShoutingWeight"/>), and each message the
/// bot did not understand (+<see cref="MissWeight"/> times the misses in a row). A message the bot answered without a
/// negative signal halves the score. When the score reaches the tenant's threshold, the bot offers a human once; it
/// offers again only after the score has built up anew.
/// </summary>
public static class FrustrationMeter
{
    /// <summary>How many earlier questions a new one is compared with.</summary>
    public const int Remembered = 4;

    /// <summary>Score of a repeated question.</summary>
    public const double RepeatWeight = 2;

    /// <summary>Score of a negative phrase.</summary>
    public const double NegativeWeight = 2;

    /// <summary>Score of a message in capitals.</summary>
    public const double ShoutingWeight = 1;

    /// <summary>Score of a miss, times the misses in a row.</summary>
    public const double MissWeight = 0.75;

    /// <summary>
    /// Word overlap from which two questions are the same question: the share of the shorter one's words found in the
    /// other ("my parcel is lost" and "you don't understand, my parcel is lost").
    /// </summary>
    public const double SameQuestion = 0.75;

    // Phrases (as word sequences) and word beginnings that say the bot is failing the customer.
    private static readonly string[][] NegativePhrases =
    [
        .. new[]
        {
            "не понимаешь", "не понимаете", "не понял", "не поняли", "не то", "не о том", "не помогло", "не помогает", "не помогаешь", "не отвечаешь",
            "не отвечаете", "ничего не понимаешь", "я же спросил", "я же спросила", "я уже спрашивал", "я уже спрашивала", "сколько можно", "опять двадцать пять",
            "при чем тут", "причем тут", "не работает", "толку нет", "you don't understand", "you do not understand", "not what i asked", "that's not it",
            "that is not it", "not helpful", "doesn't help", "does not help", "i already asked", "i just asked", "are you serious", "come on", "what the",
            "this is ridiculous", "not working", "you're not listening", "you are not listening", "no idea what you", "makes no sense",
        }.Select(p => p.Split(' ')),
    ];

    private static readonly string[] NegativeStems =
    [
        "бесполезн", "тупо", "тупой", "тупая", "идиот", "дурац", "бесит", "бесят", "достал", "задолбал", "ужасн", "кошмар", "отвратит", "издева", "бред",
        "useless", "stupid", "dumb", "idiot", "ridiculous", "terrible", "awful", "annoying", "pointless", "wtf", "frustrat", "horrible", "garbage",
    ];

    /// <summary>Reads one customer message.</summary>
    /// <param name="state">The state after the previous message (null at the start).</param>
    /// <param name="text">What the customer wrote.</param>
    /// <param name="understood">Whether the bot could answer it.</param>
    /// <param name="threshold">The score at which a human is offered.</param>
    public static FrustrationReading Read(FrustrationState? state, string text, bool understood, double threshold)
    {
        ArgumentNullException.ThrowIfNull(text);
        var next = state ?? new FrustrationState();
        next.OfferOpen = false;
        var words = SmallTalk.Words(text);
        var content = words.Where(w => w.Length > 2).Distinct(StringComparer.Ordinal).ToList();

        var repeated = content.Count > 0 && next.Recent.Any(earlier => Overlap(earlier, content) >= SameQuestion);
        var negative = IsNegative(words);
        var shouting = IsShouting(text);
        next.MissesInRow = understood ? 0 : next.MissesInRow + 1;

        var added = (repeated ? RepeatWeight : 0) + (negative ? NegativeWeight : 0) + (shouting ? ShoutingWeight : 0)
            + (understood ? 0 : MissWeight * next.MissesInRow);
        if (added == 0)
        {
            next.Score /= 2; // an answered, calm message: the conversation is going well again
            if (next.Score < 0.5)
            {
                next.Score = 0;
                next.Repeats = next.Negative = next.Shouting = 0;
            }
        }

        var before = next.Score;
        next.Score += added;
        next.Repeats += repeated ? 1 : 0;
        next.Negative += negative ? 1 : 0;
        next.Shouting += shouting ? 1 : 0;
        if (content.Count > 0)
        {
            next.Recent.Add(content);
            if (next.Recent.Count > Remembered)
            {
                next.Recent.RemoveAt(0);
            }
        }

        if (before < threshold && next.Score >= threshold)
        {
            var reason = Reason(next);
            next.OfferOpen = true;
            next.OfferReason = reason;
            next.Score = 0; // offer once; a new offer needs a new build-up
            next.Repeats = next.Negative = next.Shouting = 0;
            return new FrustrationReading(next, true, reason);
        }

        return new FrustrationReading(next, false, null);
    }

    /// <summary>The signals, in words, for the operator.</summary>
    private static string Reason(FrustrationState state)
    {
        var signals = new List<string>();
        if (state.Repeats > 0)
        {
            signals.Add(state.Repeats == 1 ? "asked the same question again" : $"asked the same question {state.Repeats + 1} times");
        }

        if (state.Negative > 0)
        {
            signals.Add(state.Negative == 1 ? "wrote a negative phrase" : $"wrote negative phrases {state.Negative} times");
        }

        if (state.Shouting > 0)
        {
            signals.Add("wrote in capitals");
        }

        if (state.MissesInRow > 0)
        {
            signals.Add(state.MissesInRow == 1 ? "the bot missed the last message" : $"the bot missed {state.MissesInRow} messages in a row");
        }

        return "The customer seems frustrated: " + string.Join("; ", signals)
            + string.Create(CultureInfo.InvariantCulture, $" (score {state.Score:0.#}).");
    }

    private static bool IsNegative(List<string> words)
    {
        if (words.Any(w => NegativeStems.Any(s => w.StartsWith(s, StringComparison.Ordinal))))
        {
            return true;
        }

        for (var i = 0; i < words.Count; i++)
        {
            foreach (var phrase in NegativePhrases)
            {
                if (i + phrase.Length <= words.Count && phrase.Select((w, k) => words[i + k] == w).All(same => same))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>At least six letters, nearly all capitals ("ГДЕ МОЙ ЗАКАЗ"), or a run of "!!!"/"???".</summary>
    private static bool IsShouting(string text)
    {
        var letters = text.Count(char.IsLetter);
        var capitals = text.Count(char.IsUpper);
        return (letters >= 6 && capitals >= letters * 0.8) || text.Contains("!!!", StringComparison.Ordinal) || text.Contains("???", StringComparison.Ordinal);
    }

    private static double Overlap(List<string> a, List<string> b)
    {
        var common = a.Count(b.Contains);
        var shorter = Math.Min(a.Count, b.Count);
        // One shared word of a one-word question proves little: compare whole sizes then (Dice).
        return shorter >= 2 ? (double)common / shorter : 2.0 * common / (a.Count + b.Count);
    }
}
