namespace Conversations.Abstractions.Customers;

/// <summary>
/// Which customer of a tenant owns a verified fact (key: <see cref="ContactOwnerKey"/>): a phone number, an e-mail
/// address or an external id. The first claim wins and later claims learn the owner, one activation per fact, so
/// two identities carrying the same fact at once still end up with one customer.
/// </summary>
public interface IContactOwnerGrain : IGrainWithStringKey
{
    /// <summary>The owner: the existing one, or <paramref name="candidate"/> when the fact had none.</summary>
    Task<Guid> ClaimAsync(Guid candidate);

    /// <summary>The owner, or null when nobody claimed the fact.</summary>
    Task<Guid?> GetOwnerAsync();

    /// <summary>Hands the fact from <paramref name="from"/> to <paramref name="to"/> (a merge); nothing when someone else owns it.</summary>
    Task TransferAsync(Guid from, Guid to);
}
