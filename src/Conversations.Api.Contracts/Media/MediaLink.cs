namespace Conversations.Api.Contracts.Media;

/// <summary>A short-lived link to a stored file that needs no login header (for <c>&lt;img src&gt;</c> and downloads).</summary>
/// <param name="Url">The link, relative to the API's origin.</param>
/// <param name="ExpiresAt">When it stops working.</param>
public sealed record MediaLink(string Url, DateTimeOffset ExpiresAt);
