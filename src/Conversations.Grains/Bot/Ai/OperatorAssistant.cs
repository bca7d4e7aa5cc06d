using System.Text;
using Conversations.Bot.Faq;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Conversations.Grains.Bot.Ai;

/// <summary>
/// Operator assist: a short summary of a conversation for the operator who takes it over, and a suggested reply the
/// operator edits before sending (never sent by itself), grounded in the tenant's FAQ entries when some fit. Null when
/// the service is slow or down. Nothing of the transcript or the answer is logged.
/// </summary>
public sealed class OperatorAssistant(IChatClient chat, AiOptions options, TimeProvider time, ILogger<OperatorAssistant> logger)
{
    /// <summary>A summary of <paramref name="transcript"/> (lines "Customer: …", "Bot: …", "Operator: …"), or null.</summary>
    public Task<string?> SummarizeAsync(IReadOnlyList<string> transcript, CancellationToken cancellationToken) =>
        AiCall.ChatAsync(chat, "summary",
            "Summarise this customer-service conversation for the human operator who takes it over, in at most three short sentences, " +
            "in the customer's language: what the customer wants, what the bot already answered, and what is still open. Do not address the customer.",
            string.Join('\n', transcript), options.ChatTimeout, time, logger, cancellationToken);

    /// <summary>A reply the operator could send next, from <paramref name="entries"/> when they answer it, or null.</summary>
    public Task<string?> SuggestReplyAsync(IReadOnlyList<string> transcript, IReadOnlyList<FaqEntry> entries, CancellationToken cancellationToken)
    {
        var system = new StringBuilder()
            .Append("Write the next reply of the human operator in this customer-service conversation, in the customer's language, ")
            .Append("polite and short. Use only facts from the FAQ entries below or the conversation; where a fact is missing, ask the customer ")
            .Append("or say the operator will check. Reply with the message text only.\n\n");
        foreach (var entry in entries.Take(options.GroundingEntries))
        {
            system.Append("- Q: ").Append(entry.Questions.Count > 0 ? entry.Questions[0].ReplaceLineEndings(" ") : "").Append(" A: ").Append(entry.Answer.ReplaceLineEndings(" ")).Append('\n');
        }

        return AiCall.ChatAsync(chat, "suggestion", system.ToString(), string.Join('\n', transcript), options.ChatTimeout, time, logger, cancellationToken);
    }
}
