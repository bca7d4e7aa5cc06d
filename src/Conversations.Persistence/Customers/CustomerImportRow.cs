namespace Conversations.Persistence.Customers;

/// <summary>One customer of a bulk import, checked and normalized, as it waits to be applied to its customer.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="ExternalId">The business's own id of the customer.</param>
/// <param name="Name">The name, or null to keep the current one.</param>
/// <param name="Phones">Phones in E.164.</param>
/// <param name="Emails">Normalized e-mail addresses.</param>
/// <param name="Attributes">The attributes as a JSON object (a string, number or boolean sets one, null removes it).</param>
public sealed record CustomerImportRow(Guid TenantId, string ExternalId, string? Name, IReadOnlyList<string> Phones, IReadOnlyList<string> Emails, string Attributes);
