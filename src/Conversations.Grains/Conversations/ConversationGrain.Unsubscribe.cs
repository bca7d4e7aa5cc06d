using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Grains.Subscriptions;
using Conversations.Persistence.Subscriptions;

namespace Conversations.Grains.Conversations;

/// <summary>A customer's opt-out (the unsubscribe button or keyword): recorded, confirmed and shown to operators.</summary>
internal sealed partial class ConversationGrain
{
    /// <summary>
    /// When <paramref name="stored"/> asks to unsubscribe, records the opt-out (before the message's commit, keyed by
    /// its dedup key, so a redelivery after a failed commit records it once) and adds the event and the tenant's
    /// confirmation to the draft; false for any other message.
    /// </summary>
    private async Task<bool> OptOutAsync(ConversationDraft draft, ChatMessage stored, Guid customerId, string dedupKey)
    {
        var settings = await SettingsAsync(draft.Details);
        if (Unsubscribe.Requested(stored.Content, settings) is not { } topic)
        {
            return false;
        }

        var how = stored.Content is ButtonPressContent ? "button" : "keyword";
        await subscriptions.AppendAsync(new SubscriptionRecord(_key.TenantId, customerId, topic, false, $"{how}:{stored.Channel}", draft.Now, dedupKey));
        draft.Event(ConversationEventKind.CustomerUnsubscribed, topic);
        draft.ToCustomer(new TextContent(Unsubscribe.Confirmation(topic, settings)));
        return true;
    }
}
