using System.ComponentModel.DataAnnotations;

namespace Conversations.Api.Contracts.Platform;

/// <summary>A new tenant.</summary>
/// <param name="Slug">Unique short name (2–40 lowercase letters, digits, dashes).</param>
/// <param name="Name">Display name.</param>
/// <param name="AdminUsername">The tenant's first admin's username.</param>
/// <param name="AdminPassword">Their password (at least 8 characters).</param>
/// <param name="AdminDisplayName">Their display name (default: the username).</param>
/// <param name="Language">The language its customers are spoken to in by default: "ru" (default) or "en".</param>
/// <param name="Plan">The plan that bounds its work (an existing plan's name). Absent: the server's default plan
/// (<c>Platform:DefaultPlan</c>), or none (unbounded) when no default is configured.</param>
public sealed record CreateTenantRequest(
    [property: MaxLength(FieldLimits.Identifier)] string? Slug,
    [property: MaxLength(FieldLimits.Title)] string? Name,
    [property: MaxLength(FieldLimits.Identifier)] string? AdminUsername = null,
    [property: MaxLength(FieldLimits.PasswordMax)] string? AdminPassword = null,
    [property: MaxLength(FieldLimits.DisplayName)] string? AdminDisplayName = null,
    [property: MaxLength(FieldLimits.LanguageCode)] string? Language = null,
    [property: MaxLength(FieldLimits.Identifier)] string? Plan = null);
