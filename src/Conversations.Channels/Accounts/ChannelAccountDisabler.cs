using System.Security.Cryptography;
using System.Text;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Tenants;
using Conversations.Persistence.Outbox;
using Microsoft.Extensions.Logging;

namespace Conversations.Channels.Accounts;

/// <summary>
/// Turns a channel account off when the platform refuses its credential for good (a revoked or expired token), so its
/// sends fail at once instead of being retried forever and its webhooks are refused, and tells the business once per
/// disable: an error line, a notification to the tenant's notification e-mails and webhook (channel, account and
/// reason, never the credential), and the reason on the account, which the console shows on its admin screens.
/// Connecting the account again with a valid credential turns it back on.
/// </summary>
public sealed partial class ChannelAccountDisabler(
    IGrainFactory grains,
    ChannelAccountCache accounts,
    IOutboxStore outbox,
    OutboxSignal signal,
    ILogger<ChannelAccountDisabler> logger)
{
    /// <summary>The notification's event name (the webhook's <c>X-Conversations-Event</c>).</summary>
    public const string DisabledEvent = "channel_account_disabled";

    /// <summary>Disables <paramref name="account"/> because the platform said <paramref name="refusal"/> (what was refused, no secret).</summary>
    public async Task DisableAsync(ChannelAccount account, string refusal)
    {
        LogRefused(logger, account.Key.Kind, account.Key.Account, account.TenantId, refusal);
        try
        {
            var disabled = await grains.GetGrain<IChannelAccountGrain>(account.Key.ToGrainKey()).DisableAsync(refusal);
            accounts.Invalidate(account.Key);
            if (disabled is not null)
            {
                await NotifyAsync(disabled);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogDisableFailed(logger, ex, account.Key.Kind, account.Key.Account);
        }
    }

    private async Task NotifyAsync(ChannelAccount disabled)
    {
        var settings = await grains.GetGrain<ITenantGrain>(disabled.TenantId).GetSettingsAsync();
        var content = Notice(disabled);
        var at = disabled.DisabledAt ?? DateTimeOffset.UnixEpoch;
        var to = settings.NotificationEmails.Select(email => (ChannelKind.NotificationEmail, email)).ToList();
        if (!string.IsNullOrWhiteSpace(settings.NotificationWebhookUrl))
        {
            to.Add((ChannelKind.NotificationWebhook, settings.NotificationWebhookUrl));
        }

        // No conversation behind it (Guid.Empty); the id is derived from the account and the moment it was disabled,
        // so a repeated call after a lost answer adds nothing.
        await outbox.EnqueueAsync([.. to.Select(r => new OutboxItem(
            IdOf(disabled, at, r.Item2), disabled.TenantId, Guid.Empty, new ChannelAddress(r.Item1, disabled.TenantId.ToString("N"), r.Item2),
            content, at, MessageDirection.System))]);
        signal.Notify();
    }

    /// <summary>The notification: which account of which channel is off, why, and that it must be connected again.</summary>
    internal static NotificationContent Notice(ChannelAccount disabled)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new
        {
            @event = DisabledEvent,
            tenantId = disabled.TenantId,
            channel = disabled.Key.Kind.ToString(),
            account = disabled.Key.Account,
            displayName = disabled.DisplayName,
            reason = disabled.DisabledReason,
            at = disabled.DisabledAt,
        });
        var name = $"{disabled.Key.Kind} {disabled.DisplayName} ({disabled.Key.Account})";
        return new NotificationContent(DisabledEvent,
            $"{name} отключён / disabled — подключите заново / reconnect",
            $"Канал {name} отключён: {disabled.DisabledReason}.\nПодключите его заново с действующим ключом доступа в консоли (Администрирование → Каналы).\n\n" +
            $"{name} was disabled: {disabled.DisabledReason}.\nConnect it again with a valid access token in the console (Admin → Channels).",
            json);
    }

    private static Guid IdOf(ChannelAccount account, DateTimeOffset at, string recipient) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"{DisabledEvent}|{(int)account.Key.Kind}|{account.Key.Account}|{at.UtcTicks}|{recipient}")).AsSpan(0, 16));

    [LoggerMessage(Level = LogLevel.Error, Message = "{Kind} refused the credential of account {Account} of tenant {TenantId} ({Refusal}): the account is disabled; the tenant's admin must connect it again with a valid credential")]
    private static partial void LogRefused(ILogger logger, ChannelKind kind, string account, Guid tenantId, string refusal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Disabling {Kind} account {Account} failed")]
    private static partial void LogDisableFailed(ILogger logger, Exception exception, ChannelKind kind, string account);
}
