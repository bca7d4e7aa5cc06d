namespace Conversations.Api.Contracts.Tenants;

/// <summary>The customer-facing texts a tenant can override, with their defaults in every language there are defaults for.</summary>
/// <param name="Language">The tenant's language (its defaults apply where the tenant has no text of its own).</param>
/// <param name="Languages">Languages with a complete default set.</param>
/// <param name="Defaults">Per language, the default text of every key.</param>
public sealed record TenantTextDefaults(
    string Language,
    IReadOnlyList<string> Languages,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Defaults);
