using System.ComponentModel.DataAnnotations;

namespace Conversations.Api.Contracts.Tenants;

/// <summary>
/// When operators work: a time zone (IANA, e.g. "Europe/Moscow"), weekly intervals (e.g. Monday "09:00-18:00"), and
/// holidays. An empty week means always open.
/// </summary>
/// <param name="TimeZone">IANA time zone id.</param>
/// <param name="Week">Intervals per day, like "09:00-18:00"; an interval may end at "24:00".</param>
/// <param name="Holidays">Dates (in the time zone) with no operators.</param>
public sealed record WorkingHours(
    [property: MaxLength(FieldLimits.ShortText)] string TimeZone,
    IReadOnlyDictionary<DayOfWeek, IReadOnlyList<string>> Week,
    [property: MaxLength(FieldLimits.Holidays)] IReadOnlyList<DateOnly> Holidays);
