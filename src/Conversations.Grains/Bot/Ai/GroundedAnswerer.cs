using System.Text;
using System.Text.RegularExpressions;
using Conversations.Bot.Faq;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Conversations.Grains.Bot.Ai;

/// <summary>
/// The grounded-answer mode: the model is given the question and a few of the tenant's FAQ entries and may answer only
/// from them, citing the entry as <c>[entry:ID]</c>; otherwise it says <see cref="DontKnow"/>. An answer without a
/// citation of an entry it was given, a "don't know", a timeout or an error is no answer (null): the bot then says it
/// is not sure, as without AI. Nothing of the prompt or the answer is logged.
/// </summary>
public sealed partial class GroundedAnswerer(IChatClient chat, AiOptions options, TimeProvider time, ILogger<GroundedAnswerer> logger)
{
    /// <summary>What the model is told to reply when no entry answers the question.</summary>
    public const string DontKnow = "DONT_KNOW";

    [GeneratedRegex(@"\[entry:([^\]\s]+)\]")]
    private static partial Regex Citation();

    /// <summary>The model's answer to <paramref name="question"/> from <paramref name="entries"/>, or null.</summary>
    public async Task<GroundedAnswer?> AnswerAsync(string question, IReadOnlyList<FaqEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return null;
        }

        var given = entries.Take(options.GroundingEntries).ToList();
        var reply = await AiCall.ChatAsync(chat, "answer", Prompt(given), question, options.ChatTimeout, time, logger, cancellationToken);
        if (reply is null || reply.Trim().StartsWith(DontKnow, StringComparison.Ordinal))
        {
            return null;
        }

        var cited = Citation().Matches(reply).Select(m => m.Groups[1].Value).ToList();
        var entry = given.FirstOrDefault(e => cited.Contains(e.Id, StringComparer.Ordinal));
        var text = Citation().Replace(reply, "").Trim();
        if (entry is null || text.Length == 0)
        {
            LogUncited(logger, cited.Count);
            return null;
        }

        return new GroundedAnswer(entry.Id, text);
    }

    /// <summary>The system prompt: the rules and the entries, one per line.</summary>
    internal static string Prompt(IEnumerable<FaqEntry> entries)
    {
        var prompt = new StringBuilder()
            .Append("You answer a business's customers using ONLY the FAQ entries below. If one entry answers the question, ")
            .Append("reply with that entry's answer in the customer's language, shortened or adapted to the question but adding no fact ")
            .Append("that is not in the entry, and end with the entry's citation exactly as written, e.g. [entry:delivery]. ")
            .Append("If no entry answers the question, reply exactly ").Append(DontKnow).Append(". Never invent prices, dates or policies.\n\n");
        foreach (var entry in entries)
        {
            prompt.Append("[entry:").Append(entry.Id).Append("] Q: ").Append(OneLine(string.Join(" | ", entry.Questions)))
                .Append(" A: ").Append(OneLine(entry.Answer)).Append('\n');
        }

        return prompt.ToString();
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    [LoggerMessage(Level = LogLevel.Information, Message = "A grounded answer cited no entry it was given ({Citations} citations); the bot says it is not sure")]
    private static partial void LogUncited(ILogger logger, int citations);
}
