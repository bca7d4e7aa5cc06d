using System.Text.Json;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Persistence.EventsOut;

namespace Conversations.Channels.EventsOut;

/// <summary>
/// Turns a stretch of a conversation's committed history into the events a CRM hears. Pure: the same history gives the
/// same events with the same ids, so an event queued again after a crash carries the id a receiver has seen.
/// </summary>
public static class WebhookEventMapper
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The events of <paramref name="messages"/> (in order) of a conversation of <paramref name="customerId"/>.</summary>
    public static IReadOnlyList<WebhookEvent> From(Guid tenantId, Guid conversationId, Guid customerId, IReadOnlyList<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var events = new List<WebhookEvent>();
        foreach (var m in messages)
        {
            void Add(string type, object data) => events.Add(Build(tenantId, conversationId, m, type, data));

            switch (m.Content)
            {
                case EventContent e:
                    if (StatusOf(e.Event) is { } status)
                    {
                        Add(WebhookEventTypes.ConversationStatusChanged, new { conversationId, customerId, status });
                    }

                    if (e.Event is ConversationEventKind.LiveChatStarted or ConversationEventKind.LiveChatTransferred
                        && (e.OperatorId ?? m.OperatorId) is { } operatorId)
                    {
                        Add(WebhookEventTypes.ConversationAssigned, new { conversationId, customerId, operatorId });
                    }

                    if (e is { Event: ConversationEventKind.SurveyAnswered, Score: { } score })
                    {
                        Add(WebhookEventTypes.SurveyAnswered, new { conversationId, customerId, stepId = score.StepId, score.Score, score.Min, score.Max });
                    }

                    break;
                case not null when m.Direction is MessageDirection.Customer or MessageDirection.Bot or MessageDirection.Operator:
                    Add(WebhookEventTypes.MessageCreated, new
                    {
                        conversationId, customerId, messageId = m.MessageId, m.Seq,
                        author = m.Direction.ToString().ToLowerInvariant(), operatorId = m.OperatorId,
                        channel = m.Channel?.ToString(), text = m.Content.ToPlainText(),
                    });
                    break;
            }
        }

        return events;
    }

    /// <summary>The status a conversation event moves the conversation to, as webhooks name it.</summary>
    private static string? StatusOf(ConversationEventKind kind) => kind switch
    {
        ConversationEventKind.ConversationOpened or ConversationEventKind.LiveChatReleased => "bot",
        ConversationEventKind.OperatorRequested => "waiting",
        ConversationEventKind.LiveChatStarted => "live",
        ConversationEventKind.ConversationClosed => "closed",
        _ => null,
    };

    private static WebhookEvent Build(Guid tenantId, Guid conversationId, ChatMessage message, string type, object data)
    {
        var id = $"{conversationId:N}.{message.Seq}.{type}";
        var payload = JsonSerializer.Serialize(new { id, type, createdAt = message.CreatedAt, tenantId, data }, Json);
        return new WebhookEvent(type, id, conversationId.ToString("N"), message.CreatedAt, payload);
    }
}
