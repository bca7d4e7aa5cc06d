namespace Conversations.Api.Contracts.Auth;

/// <summary>Signing in.</summary>
/// <param name="Tenant">The business's slug.</param>
/// <param name="Username">The operator's username.</param>
/// <param name="Password">The password.</param>
public sealed record LoginRequest(string? Tenant, string? Username, string? Password);
