using Conversations.Abstractions.Channels;

namespace Conversations.Abstractions.Customers;

/// <summary>
/// One "continue in messenger" token of a tenant (key: <see cref="ContinueLinkToken.ToGrainKey"/>, the hash of the
/// token): it names the customer who asked for it until one channel identity redeems it, at most once, before it expires.
/// </summary>
public interface IContinueLinkTokenGrain : IGrainWithStringKey
{
    /// <summary>Binds the token to <paramref name="customerId"/> until <paramref name="expiresAt"/>; refused when the token was issued before.</summary>
    Task IssueAsync(Guid customerId, DateTimeOffset expiresAt);

    /// <summary>
    /// The customer the token names, for <paramref name="identity"/> to join, and the token is spent; null when the
    /// token was never issued in this tenant, is spent or expired (the message then goes on as any other).
    /// </summary>
    Task<Guid?> RedeemAsync(ChannelIdentityKey identity);
}
