namespace Conversations.Api.Contracts.Customers;

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
/// <param name="Tags">Tags operators gave the customer (lower case; the customer search finds them by exact tag).</param>
/// <param name="NameGenerated">True while the name is only made up (a website visitor's "Visitor …"): scenarios' <c>{customer.name|…}</c> falls back then.</param>
public sealed record CustomerProfile(
    Guid TenantId,
    Guid CustomerId,
    string DisplayName,
    string? Username,
    IReadOnlyList<string> Phones,
    IReadOnlyList<string> Emails,
    IReadOnlyList<ChannelIdentity> Identities,
    IReadOnlyList<ConsentRecord> Consents,
    IReadOnlyDictionary<string, string> Attributes,
    Guid? CurrentConversationId,
    DateTimeOffset CreatedAt,
    string? ExternalId = null,
    IReadOnlyDictionary<string, CustomerAttributeType>? AttributeTypes = null,
    string? Notes = null,
    IReadOnlyList<string>? Tags = null,
    bool NameGenerated = false);
