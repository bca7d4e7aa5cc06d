using Conversations.Abstractions.Channels;
using Microsoft.Extensions.Logging;

namespace Conversations.Channels.Accounts;

/// <summary>
/// Turns a channel account off when the platform refuses its credential for good (a revoked or expired token), so its
/// sends fail at once instead of being retried forever and its webhooks are refused; tells the admin in an error
/// line (what was refused and that the account must be connected again, never the credential). Connecting the account
/// again with a valid credential turns it back on.
/// </summary>
public sealed partial class ChannelAccountDisabler(IGrainFactory grains, ChannelAccountCache accounts, ILogger<ChannelAccountDisabler> logger)
{
    /// <summary>Disables <paramref name="account"/> because the platform said <paramref name="refusal"/> (its error code and text).</summary>
    public async Task DisableAsync(ChannelAccount account, string refusal)
    {
        LogRefused(logger, account.Key.Kind, account.Key.Account, account.TenantId, refusal);
        try
        {
            await grains.GetGrain<IChannelAccountGrain>(account.Key.ToGrainKey()).ConnectAsync(account with { Enabled = false });
            accounts.Invalidate(account.Key);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogDisableFailed(logger, ex, account.Key.Kind, account.Key.Account);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Kind} refused the credential of account {Account} of tenant {TenantId} ({Refusal}): the account is disabled; the tenant's admin must connect it again with a valid credential")]
    private static partial void LogRefused(ILogger logger, ChannelKind kind, string account, Guid tenantId, string refusal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Disabling {Kind} account {Account} failed")]
    private static partial void LogDisableFailed(ILogger logger, Exception exception, ChannelKind kind, string account);
}
