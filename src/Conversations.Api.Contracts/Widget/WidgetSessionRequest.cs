using System.ComponentModel.DataAnnotations;

namespace Conversations.Api.Contracts.Widget;

/// <summary>Starts or resumes a visitor session, optionally as a user the business's site signed in.</summary>
/// <param name="Token">The token the browser kept from an earlier session, if any.</param>
/// <param name="UserId">The business's own id of its signed-in user (with <paramref name="UserHash"/>): that user is one customer on every device.</param>
/// <param name="UserHash">HMAC-SHA256 of <paramref name="UserId"/> (UTF-8) under the widget's identity secret, in hex, computed by the business's server.</param>
/// <param name="Name">The signed-in user's name, shown to operators.</param>
/// <param name="Email">The user's e-mail address, as the site knows it (kept as a contact; not a verified fact, the hash covers only the id).</param>
/// <param name="Phone">The user's phone number, likewise.</param>
public sealed record WidgetSessionRequest(
    [property: MaxLength(FieldLimits.Secret)] string? Token,
    [property: MaxLength(FieldLimits.ExternalId)] string? UserId = null,
    [property: MaxLength(FieldLimits.UserHash)] string? UserHash = null,
    [property: MaxLength(FieldLimits.DisplayName)] string? Name = null,
    [property: MaxLength(FieldLimits.Email)] string? Email = null,
    [property: MaxLength(FieldLimits.Phone)] string? Phone = null);
