namespace Conversations.Abstractions.Customers;

/// <summary>
/// What a business's system (CRM, CDP) knows about one of its customers, pushed under its own id. Applied as a
/// merge: a name replaces the shown name, contacts are added to the ones the customer gave, attributes are set one
/// by one and <paramref name="RemovedAttributes"/> are deleted; everything not mentioned stays.
/// </summary>
/// <param name="ExternalId">The business's own id of the customer.</param>
/// <param name="DisplayName">The name to show operators, or null to keep the current one.</param>
/// <param name="Phones">Phone numbers in E.164 form.</param>
/// <param name="Emails">E-mail addresses.</param>
/// <param name="Attributes">Attributes to set.</param>
/// <param name="RemovedAttributes">Attributes to delete.</param>
[GenerateSerializer, Immutable, Alias("conv.CustomerUpsert")]
public sealed record CustomerUpsert(
    [property: Id(0)] string ExternalId,
    [property: Id(1)] string? DisplayName,
    [property: Id(2)] IReadOnlyList<string> Phones,
    [property: Id(3)] IReadOnlyList<string> Emails,
    [property: Id(4)] IReadOnlyDictionary<string, CustomerAttribute> Attributes,
    [property: Id(5)] IReadOnlyList<string> RemovedAttributes);
