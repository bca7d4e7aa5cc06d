namespace Conversations.Abstractions.Customers;

/// <summary>
/// What a channel vouches for about the identity a message came from: a phone number or e-mail address the person
/// proved they own (Telegram: a contact they shared of themselves; WhatsApp: the number they write from), or the
/// business's own id of them (the website widget with a valid <c>user_hash</c>). A channel's mapper fills it; linking
/// (<see cref="IContactOwnerGrain"/>) makes every identity carrying the same fact in a tenant one customer.
/// </summary>
/// <param name="Phone">A phone number in any common form; normalized to E.164 (<see cref="PhoneNumbers"/>) before use.</param>
/// <param name="Email">An e-mail address; normalized (<see cref="EmailAddresses"/>) before use.</param>
/// <param name="ExternalId">The business's own id of the customer (what its CRM pushes under).</param>
[GenerateSerializer, Immutable, Alias("conv.VerifiedFacts")]
public sealed record VerifiedFacts(
    [property: Id(0)] string? Phone = null,
    [property: Id(1)] string? Email = null,
    [property: Id(2)] string? ExternalId = null)
{
    /// <summary>The usable facts as owner keys (<see cref="ContactOwnerKey"/>) of <paramref name="tenantId"/>, normalized, in a fixed order.</summary>
    public IReadOnlyList<string> OwnerKeys(Guid tenantId)
    {
        var keys = new List<string>(3);
        if (ExternalId is { Length: > 0 })
        {
            keys.Add(ContactOwnerKey.ExternalId(tenantId, ExternalId));
        }

        if (PhoneNumbers.ToE164(Phone) is { } phone)
        {
            keys.Add(ContactOwnerKey.Phone(tenantId, phone));
        }

        if (EmailAddresses.Normalize(Email) is { } email)
        {
            keys.Add(ContactOwnerKey.Email(tenantId, email));
        }

        return keys;
    }
}
