using System.Globalization;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Tenants;

namespace Conversations.Grains.Conversations;

/// <summary>
/// What a customer waiting for an operator is told: "leave a message", a callback (asking for a phone first when there
/// is none, then offering the next three working hours), the confirmation of the chosen time. Anything else waits for
/// the operator. Pure: the conversation grain applies the answer to its draft.
/// </summary>
internal static class WaitingRoom
{
    /// <summary>Payload of the "leave a message" button.</summary>
    public const string LeaveMessagePayload = "handoff:leave-message";

    /// <summary>Payload of the "call me back" button.</summary>
    public const string CallbackPayload = "handoff:callback";

    /// <summary>Prefix of the payload of a callback time button (followed by the time, round-trip format).</summary>
    public const string CallbackSlotPrefix = "callback:";

    /// <summary>
    /// The answer to <paramref name="content"/> at <paramref name="now"/>, given whether the waiting room asked for a
    /// phone (<paramref name="awaitingCallbackPhone"/>) and whether the customer has one (<paramref name="hasPhone"/>).
    /// </summary>
    public static WaitingRoomAnswer Answer(MessageContent content, bool awaitingCallbackPhone, bool hasPhone, DateTimeOffset now, TenantSettings settings)
    {
        switch (content)
        {
            case ButtonPressContent { Payload: LeaveMessagePayload }:
                return new WaitingRoomAnswer([new TextContent(settings.Text(TenantTexts.MessageLeft))], awaitingCallbackPhone);
            case ButtonPressContent { Payload: CallbackPayload }:
                return OfferCallback(now, settings, hasPhone);
            case ButtonPressContent { Payload: var payload } when payload.StartsWith(CallbackSlotPrefix, StringComparison.Ordinal)
                && DateTimeOffset.TryParse(payload[CallbackSlotPrefix.Length..], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at):
                return new WaitingRoomAnswer(
                    [new TextContent(settings.Text(TenantTexts.CallbackConfirmed).Replace("{callbackAt}", LocalTime(at, settings), StringComparison.Ordinal))],
                    awaitingCallbackPhone, CallbackAt: at);
            case ContactContent when awaitingCallbackPhone:
                return OfferCallback(now, settings, hasPhone: true);
            case TextContent text when awaitingCallbackPhone && PhoneNumber.TryNormalize(text.Text, out var phone):
                return OfferCallback(now, settings, hasPhone: true) with { PhoneToRecord = phone };
            default:
                return new WaitingRoomAnswer([], awaitingCallbackPhone);
        }
    }

    /// <summary>
    /// <paramref name="at"/> as the tenant's clock shows it, in its working-hours time zone and its language's way:
    /// "30.11 09:00" in Russian, "Nov 30, 09:00" in English (a month name, so neither order is misread).
    /// </summary>
    public static string LocalTime(DateTimeOffset at, TenantSettings settings)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(settings.WorkingHours.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        return TimeZoneInfo.ConvertTime(at, zone).ToString(settings.Language == "en" ? "MMM d, HH:mm" : "dd.MM HH:mm", CultureInfo.InvariantCulture);
    }

    private static WaitingRoomAnswer OfferCallback(DateTimeOffset now, TenantSettings settings, bool hasPhone)
    {
        if (!hasPhone)
        {
            return new WaitingRoomAnswer([new TextContent(settings.Text(TenantTexts.CallbackNeedsPhone))], AwaitingCallbackPhone: true);
        }

        var slots = CallbackSlots(now, settings.WorkingHours).ToList();
        return new WaitingRoomAnswer(
            [new TextContent(settings.Text(TenantTexts.CallbackAskWhen),
                [.. slots.Select(s => new Button(LocalTime(s, settings), CallbackSlotPrefix + s.ToString("O", CultureInfo.InvariantCulture)))])],
            AwaitingCallbackPhone: false);
    }

    /// <summary>The next three whole hours in working time.</summary>
    private static IEnumerable<DateTimeOffset> CallbackSlots(DateTimeOffset now, WorkingHours hours)
    {
        var slot = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, now.Offset).AddHours(1);
        var found = 0;
        for (var i = 0; i < 24 * 14 && found < 3; i++, slot = slot.AddHours(1))
        {
            if (hours.IsOpen(slot))
            {
                found++;
                yield return slot;
            }
        }
    }
}
