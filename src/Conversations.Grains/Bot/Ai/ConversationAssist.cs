using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Tenants;
using Conversations.Bot.Faq;

namespace Conversations.Grains.Bot.Ai;

/// <summary>
/// Operator assist over a conversation's latest messages (<see cref="TranscriptMessages"/>), grounded in the FAQ entries
/// nearest to the customer's last question. The transcript goes to the model and nowhere else: it is not logged.
/// </summary>
public sealed class ConversationAssist(IGrainFactory grains, AiServices ai, BotDefinitions definitions) : IOperatorAssist
{
    /// <summary>How many of the latest text messages the model sees.</summary>
    public const int TranscriptMessages = 40;

    /// <inheritdoc />
    public async Task<OperatorAssistance> AssistAsync(Guid tenantId, Guid conversationId, CancellationToken cancellationToken)
    {
        var settings = await grains.GetGrain<ITenantGrain>(tenantId).GetSettingsAsync();
        if (settings.AiOperatorAssist != true || ai.Assistant is not { } assistant)
        {
            throw DomainException.Rule("Operator assist is off: the platform's AI chat model and the tenant's aiOperatorAssist setting both turn it on.");
        }

        var conversation = grains.GetGrain<IConversationGrain>(new ConversationKey(tenantId, conversationId).ToGrainKey());
        _ = await conversation.GetViewAsync() ?? throw DomainException.NotFound("No such conversation.");
        var history = await conversation.GetHistoryAsync(new HistoryQuery(0, 500, IncludeBot: true, IncludeEvents: false));
        var texts = history.Where(m => m.Content is TextContent).TakeLast(TranscriptMessages).ToList();
        var transcript = texts.Select(m => $"{m.Direction}: {((TextContent)m.Content).Text}").ToList();

        var lastQuestion = texts.LastOrDefault(m => m.Direction == MessageDirection.Customer)?.Content is TextContent { Text: var question } ? question : null;
        var faq = await definitions.GetFaqAsync(tenantId);
        var match = faq is not null && lastQuestion is not null ? faq.Match(lastQuestion) : FaqMatch.None;
        FaqEntry[] entries = [.. new[] { match.Entry, match.RunnerUp }.OfType<FaqEntry>()];

        var summary = assistant.SummarizeAsync(transcript, cancellationToken);
        var suggestion = assistant.SuggestReplyAsync(transcript, entries, cancellationToken);
        return new OperatorAssistance(await summary, await suggestion);
    }
}
