using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;

namespace Conversations.Persistence.Reports;

/// <summary>
/// Reads one conversation's history into its <see cref="ConversationFacts"/>: the only place the report definitions are
/// written in code (the README says them in words). Pure: the same history gives the same figures, so recomputing from
/// history reproduces what the aggregator counted as it went.
/// </summary>
public static class ConversationFactsBuilder
{
    /// <summary>Longest entry point kept; a longer start payload is cut.</summary>
    public const int MaxEntryPointLength = 64;

    /// <summary>The facts of the conversation whose whole history, in order, is <paramref name="history"/>; null when it is empty.</summary>
    public static ConversationFacts? From(Guid tenantId, Guid conversationId, IReadOnlyList<ChatMessage> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count == 0)
        {
            return null;
        }

        var opened = history[0].CreatedAt;
        short channel = 0;
        var entryPoint = "";
        var seenCustomer = false;
        HandoffCause? cause = null;
        DateTimeOffset? handoffAt = null;
        DateTimeOffset? takenAt = null;
        DateTimeOffset? firstResponseAt = null;
        DateTimeOffset? closedAt = null;
        DateTimeOffset? handledUntil = null;
        var operatorId = Guid.Empty;
        int customer = 0, bot = 0, operators = 0;
        var surveyOffered = false;
        SurveyScore? score = null;

        foreach (var message in history)
        {
            switch (message.Direction)
            {
                case MessageDirection.Customer:
                    customer++;
                    if (!seenCustomer)
                    {
                        seenCustomer = true;
                        channel = (short)(message.Channel ?? 0);
                        if (message.Content is TextContent text && StartCommand.TryParse(text.Text, out var payload) && payload is not null)
                        {
                            entryPoint = payload.Length > MaxEntryPointLength ? payload[..MaxEntryPointLength] : payload;
                        }
                    }

                    break;
                case MessageDirection.Bot:
                    bot++;
                    break;
                case MessageDirection.Operator:
                    operators++;
                    if (handoffAt is not null && firstResponseAt is null)
                    {
                        firstResponseAt = message.CreatedAt;
                    }

                    break;
                case MessageDirection.System when message.Content is EventContent e:
                    switch (e.Event)
                    {
                        case ConversationEventKind.OperatorRequested when handoffAt is null:
                            handoffAt = message.CreatedAt;
                            cause = e.Cause ?? HandoffCause.Other;
                            break;
                        case ConversationEventKind.LiveChatStarted when takenAt is null:
                            // An operator who takes a chat nobody asked for steps in: the handoff and the take are one moment.
                            if (handoffAt is null)
                            {
                                handoffAt = message.CreatedAt;
                                cause = HandoffCause.Operator;
                            }

                            takenAt = message.CreatedAt;
                            operatorId = e.OperatorId ?? message.OperatorId ?? Guid.Empty;
                            break;
                        case ConversationEventKind.ConversationClosed when closedAt is null:
                            closedAt = message.CreatedAt;
                            handledUntil ??= takenAt is null ? null : message.CreatedAt;
                            break;
                        case ConversationEventKind.LiveChatReleased or ConversationEventKind.LiveChatTransferred when takenAt is not null && handledUntil is null:
                            // The first operator's chat ends when they let it go (to the bot, the queue or a colleague).
                            handledUntil = message.CreatedAt;
                            break;
                        case ConversationEventKind.SurveyOffered:
                            surveyOffered = true;
                            break;
                        case ConversationEventKind.SurveyAnswered when score is null && e.Score is not null:
                            score = e.Score;
                            surveyOffered = true;
                            break;
                    }

                    break;
            }
        }

        return new ConversationFacts(
            tenantId, conversationId, history[^1].Seq,
            new DateTimeOffset(opened.UtcTicks - (opened.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero),
            channel, operatorId, entryPoint, cause,
            Taken: takenAt is not null,
            Abandoned: handoffAt is not null && takenAt is null && closedAt > handoffAt,
            WaitSeconds: Seconds(handoffAt, takenAt),
            FirstResponseSeconds: Seconds(handoffAt, firstResponseAt),
            ResolutionSeconds: Seconds(opened, closedAt),
            customer, bot, operators, surveyOffered, score?.Score, score?.Min, score?.Max,
            HandlingSeconds: Seconds(takenAt, handledUntil));
    }

    private static int? Seconds(DateTimeOffset? from, DateTimeOffset? to) =>
        from is { } start && to is { } end ? (int)Math.Max(0, Math.Round((end - start).TotalSeconds)) : null;
}
