namespace Conversations.Abstractions.Customers;

/// <summary>Everything known about one customer of one tenant, across channels.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="DisplayName">Name to show operators.</param>
/// <param name="Username">Channel username, when the channel has one.</param>
/// <param name="Phones">Phone numbers the customer gave.</param>
/// <param name="Emails">E-mail addresses the customer gave.</param>
/// <param name="Identities">The customer's accounts on channels.</param>
/// <param name="Consents">Consent answers, newest last.</param>
/// <param name="Attributes">Free attributes collected by the bot or set by integrations.</param>
/// <param name="CurrentConversationId">The open conversation, if any.</param>
/// <param name="CreatedAt">First contact.</param>
/// <param name="ExternalId">The business's own id of the customer, once its system pushed one.</param>
/// <param name="AttributeTypes">The type of each attribute an integration set; attributes not listed are text.</param>
/// <param name="Notes">Operators' notes about the customer.</param>
/// <param name="Tags">Tags operators gave the customer (normalized like conversation labels).</param>
/// <param name="NameGenerated">True while <paramref name="DisplayName"/> is only a made-up name (a website visitor's):
/// the scenario's <c>{customer.name|…}</c> falls back then.</param>
[GenerateSerializer, Immutable, Alias("conv.CustomerProfile")]
public sealed record CustomerProfile(
    [property: Id(0)] Guid TenantId,
    [property: Id(1)] Guid CustomerId,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] string? Username,
    [property: Id(4)] IReadOnlyList<string> Phones,
    [property: Id(5)] IReadOnlyList<string> Emails,
    [property: Id(6)] IReadOnlyList<ChannelIdentity> Identities,
    [property: Id(7)] IReadOnlyList<ConsentRecord> Consents,
    [property: Id(8)] IReadOnlyDictionary<string, string> Attributes,
    [property: Id(9)] Guid? CurrentConversationId,
    [property: Id(10)] DateTimeOffset CreatedAt,
    [property: Id(11)] string? ExternalId = null,
    [property: Id(12)] IReadOnlyDictionary<string, CustomerAttributeType>? AttributeTypes = null,
    [property: Id(13)] string? Notes = null,
    [property: Id(14)] IReadOnlyList<string>? Tags = null,
    [property: Id(15)] bool NameGenerated = false);
