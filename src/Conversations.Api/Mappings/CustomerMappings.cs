using Conversations.Abstractions.Customers;
using Conversations.Persistence.Queries;

namespace Conversations.Api.Mappings;

/// <summary>Customers as the API shows them.</summary>
public static class CustomerMappings
{
    /// <summary>The API form of a customer's profile.</summary>
    public static Contracts.Customers.CustomerProfile ToContract(this CustomerProfile profile) => new(
        profile.TenantId, profile.CustomerId, profile.DisplayName, profile.Username, profile.Phones, profile.Emails,
        [.. profile.Identities.Select(ToContract)], [.. profile.Consents.Select(ToContract)], profile.Attributes,
        profile.CurrentConversationId, profile.CreatedAt, profile.ExternalId,
        profile.AttributeTypes?.ToDictionary(a => a.Key, a => (Contracts.Customers.CustomerAttributeType)a.Value, StringComparer.Ordinal),
        profile.Notes, profile.Tags ?? [], profile.NameGenerated);

    /// <summary>The API form of a customer found in the directory.</summary>
    public static Contracts.Customers.CustomerRecord ToContract(this CustomerRecord customer) => new(
        customer.TenantId, customer.CustomerId, customer.DisplayName, customer.Username, customer.Phones, customer.Emails,
        [.. customer.Channels.Select(c => (Contracts.Channels.ChannelKind)c)], customer.CreatedAt, customer.UpdatedAt, customer.ExternalId, customer.Tags ?? []);

    /// <summary>The API form of a channel identity's key.</summary>
    public static Contracts.Channels.ChannelIdentityKey ToContract(this Abstractions.Channels.ChannelIdentityKey key) =>
        new(key.TenantId, (Contracts.Channels.ChannelKind)key.Kind, key.Account, key.ExternalUserId);

    private static Contracts.Customers.ChannelIdentity ToContract(ChannelIdentity identity) => new(
        identity.Key.ToContract(),
        new Contracts.Channels.ChannelAddress((Contracts.Channels.ChannelKind)identity.ReplyTo.Kind, identity.ReplyTo.Account, identity.ReplyTo.ChatId),
        identity.Unreachable, identity.FirstSeenAt, PhoneNumbers.ToE164(identity.Verified?.Phone), EmailAddresses.Normalize(identity.Verified?.Email),
        identity.Verified?.ExternalId);

    private static Contracts.Customers.ConsentRecord ToContract(ConsentRecord consent) => new(
        consent.Purpose, consent.Granted, consent.TextVersion, consent.Text, consent.At);
}
