using System.Text.Json;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Tenants;

namespace Conversations.Grains.Conversations;

/// <summary>
/// What a handoff tells people: the customer (operators notified, or, outside working hours, when they are back, with
/// leave-a-message and callback buttons) and the business (e-mail and webhook notification). Pure.
/// </summary>
internal static class HandoffNotice
{
    /// <summary>The message to the customer who was just handed to the operators at <paramref name="now"/>.</summary>
    public static TextContent ToCustomer(DateTimeOffset now, TenantSettings settings)
    {
        if (settings.WorkingHours.IsOpen(now))
        {
            return new TextContent(settings.Text(TenantTexts.HandoffNotified));
        }

        var back = settings.WorkingHours.NextOpening(now) is { } opening ? WaitingRoom.LocalTime(opening, settings) : "—";
        return new TextContent(settings.Text(TenantTexts.HandoffOutOfHours).Replace("{nextOpening}", back, StringComparison.Ordinal),
            [new Button(settings.Text(TenantTexts.LeaveMessageButton), WaitingRoom.LeaveMessagePayload),
                new Button(settings.Text(TenantTexts.CallbackButton), WaitingRoom.CallbackPayload)]);
    }

    /// <summary>The notification to the business that a customer waits for an operator (text for people, JSON for machines).</summary>
    public static NotificationContent ToBusiness(Guid tenantId, Guid conversationId, Guid customerId, string name, IReadOnlyList<string> phones,
        string channel, string reason, DateTimeOffset at)
    {
        var json = JsonSerializer.Serialize(new
        {
            @event = "operator_requested",
            tenantId,
            conversationId,
            customerId,
            customerName = name,
            phones,
            channel,
            reason,
            at,
        });
        return new NotificationContent("operator_requested",
            $"{name} ждёт оператора / is waiting for an operator",
            $"Клиент {name} ({channel}) просит оператора.\nПричина: {reason}\nРазговор: {conversationId}\nВремя: {at:u}\n\n" +
            $"Customer {name} ({channel}) asks for an operator. Reason: {reason}. Conversation {conversationId}.",
            json);
    }
}
