namespace Conversations.Abstractions.Channels;

/// <summary>One business account on a channel (key: <see cref="ChannelAccountKey"/>), owned by exactly one tenant.</summary>
public interface IChannelAccountGrain : IGrainWithStringKey
{
    /// <summary>
    /// Connects (or reconnects) the account to <see cref="ChannelAccount.TenantId"/>. Connecting an account another
    /// tenant owns is a conflict.
    /// </summary>
    Task<ChannelAccount> ConnectAsync(ChannelAccount account);

    /// <summary>
    /// Turns the account off because the platform refused its credential for <paramref name="reason"/> (no secret in it).
    /// Returns the account as disabled when this call disabled it; null when it was off already or is not connected, so
    /// the business is told once per disable. Connecting it again turns it back on.
    /// </summary>
    Task<ChannelAccount?> DisableAsync(string reason);

    /// <summary>The account with its secrets (for gateways), or null when not connected.</summary>
    Task<ChannelAccount?> GetAsync();

    /// <summary>Disconnects the account; a different tenant may connect it afterwards.</summary>
    Task DisconnectAsync(Guid tenantId);

    /// <summary>The last confirmed polling offset (Telegram getUpdates).</summary>
    Task<long> GetPollingOffsetAsync();

    /// <summary>Records that every update before <paramref name="offset"/> is durably processed.</summary>
    Task ConfirmPollingOffsetAsync(long offset);

    /// <summary>
    /// Gives the polling lease to <paramref name="holder"/> for <paramref name="duration"/> if it is free, expired or
    /// already theirs, so only one silo polls a bot at a time. True when granted.
    /// </summary>
    Task<bool> TryAcquirePollingLeaseAsync(string holder, TimeSpan duration);
}
