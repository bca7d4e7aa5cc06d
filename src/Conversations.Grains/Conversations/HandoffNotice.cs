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

        return new TextContent(settings.Text(TenantTexts.HandoffOutOfHours).Replace("{nextOpening}", NextOpening(now, settings), StringComparison.Ordinal),
            [new Button(settings.Text(TenantTexts.LeaveMessageButton), WaitingRoom.LeaveMessagePayload),
                new Button(settings.Text(TenantTexts.CallbackButton), WaitingRoom.CallbackPayload)]);
    }

    /// <summary>
    /// The one mail a customer who wrote by e-mail gets (<see cref="Bot.EmailBotRule"/>) at <paramref name="now"/>: the
    /// acknowledgement (outside working hours, with when the operators are back), then the bot's
    /// <paramref name="answers"/> (the FAQ's) under their lead-in. No buttons: a mail has none.
    /// </summary>
    public static TextContent ToMail(DateTimeOffset now, TenantSettings settings, IReadOnlyList<MessageContent> answers)
    {
        var acknowledgement = settings.WorkingHours.IsOpen(now)
            ? settings.Text(TenantTexts.EmailAcknowledgement)
            : settings.Text(TenantTexts.EmailAcknowledgementOutOfHours).Replace("{nextOpening}", NextOpening(now, settings), StringComparison.Ordinal);
        var texts = answers.OfType<TextContent>().Select(a => a.Text).Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        return new TextContent(texts.Count == 0
            ? acknowledgement
            : $"{acknowledgement}\n\n{settings.Text(TenantTexts.EmailFaqLeadIn)}\n\n{string.Join("\n\n", texts)}");
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

    private static string NextOpening(DateTimeOffset now, TenantSettings settings) =>
        settings.WorkingHours.NextOpening(now) is { } opening ? WaitingRoom.LocalTime(opening, settings) : "—";
}
