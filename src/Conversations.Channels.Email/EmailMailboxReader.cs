using System.Collections.Concurrent;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using MailKit;
using MailKit.Net.Imap;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Channels.Email;

/// <summary>
/// Reads the connected mailboxes over IMAP on every silo, each mailbox by one silo at a time (the account grain's
/// reading lease; another silo takes over when the holder stops renewing it). New mail is the folder's messages
/// after the stored position (<see cref="EmailPosition"/>); each one is made durable first (<see cref="EmailInboundProcessor"/>),
/// then flagged \Seen on the server, then the position moves past it. A crash anywhere in between reads that mail
/// again, and its dedup key stores it once. The reader waits with IMAP IDLE (RFC 2177) where the server has it and
/// polls otherwise.
/// </summary>
public sealed partial class EmailMailboxReader(
    IGrainFactory grains,
    EmailInboundProcessor processor,
    IOptions<EmailOptions> options,
    ILogger<EmailMailboxReader> logger) : BackgroundService
{
    private readonly string _holder = $"{Environment.MachineName}:{Guid.NewGuid():N}";
    private readonly ConcurrentDictionary<ChannelAccountKey, Task> _loops = new();

    /// <summary>
    /// Called after a mail is stored and before it is acknowledged on the server (with its UID): where a test kills the
    /// silo to prove a crash there neither loses nor doubles the mail. Internal for tests; null in production.
    /// </summary>
    internal Func<uint, CancellationToken, Task>? AfterStored { get; set; }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var key in await grains.GetGrain<IPollingRegistryGrain>((int)ChannelKind.Email).ListAsync())
                {
                    if (!_loops.TryGetValue(key, out var loop) || loop.IsCompleted)
                    {
                        _loops[key] = ReadAsync(key, stoppingToken);
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRegistryFailed(logger, ex);
            }

            try
            {
                await Task.Delay(options.Value.RegistryRefresh, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await Task.WhenAll(_loops.Values);
    }

    private async Task ReadAsync(ChannelAccountKey key, CancellationToken stoppingToken)
    {
        var grain = grains.GetGrain<IChannelAccountGrain>(key.ToGrainKey());
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var account = await grain.GetAsync();
                if (account is not { Enabled: true, Mode: InboundMode.Polling, Credential: { } credential })
                {
                    return; // disconnected
                }

                if (!await grain.TryAcquirePollingLeaseAsync(_holder, settings.Lease))
                {
                    await Task.Delay(settings.RegistryRefresh, stoppingToken);
                    continue;
                }

                var mailbox = EmailMailbox.Of(account);
                using var client = await EmailClients.OpenImapAsync(mailbox, credential, stoppingToken);
                var folder = await client.GetFolderAsync(mailbox.Folder, stoppingToken);
                await folder.OpenAsync(FolderAccess.ReadWrite, stoppingToken);

                // A new mail the server announces while we are still reading (an untagged EXISTS during the fetch) must
                // not wait for the next IDLE renewal: then read again at once instead of going idle.
                var announced = 0;
                void OnNewMail(object? sender, EventArgs e) => Interlocked.Exchange(ref announced, 1);
                folder.CountChanged += OnNewMail;
                try
                {
                    do
                    {
                        Interlocked.Exchange(ref announced, 0);
                        await ReadNewMailAsync(account, grain, folder, stoppingToken);
                        if (Interlocked.Exchange(ref announced, 0) == 0)
                        {
                            await WaitForMailAsync(client, folder, settings, stoppingToken);
                        }
                    }
                    while (!stoppingToken.IsCancellationRequested && await grain.TryAcquirePollingLeaseAsync(_holder, settings.Lease)
                        && await grain.GetAsync() is { Enabled: true } current && SameConnection(current, account));
                }
                finally
                {
                    folder.CountChanged -= OnNewMail;
                }

                await client.DisconnectAsync(true, CancellationToken.None);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogReadFailed(logger, ex, key.Account);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Stores every message after the stored position, one by one, moving the position after each.</summary>
    private async Task ReadNewMailAsync(ChannelAccount account, IChannelAccountGrain grain, IMailFolder folder, CancellationToken cancellationToken)
    {
        var position = EmailPosition.FromOffset(await grain.GetPollingOffsetAsync());
        var validity = folder.UidValidity;
        var last = position.UidValidity == validity ? position.LastUid : 0;
        if (position.UidValidity != validity && position.UidValidity != 0)
        {
            LogUidValidityChanged(logger, account.Key.Account, position.UidValidity, validity);
        }

        // UID FETCH n:* (RFC 3501 6.4.8) rather than UID SEARCH: every server has it (smtp4dev's IMAP leaves a
        // UID SEARCH unanswered). "n:*" also names the last message when its UID is below n, hence the filter.
        var range = new UniqueIdRange(new UniqueId(validity, last + 1), UniqueId.MaxValue);
        var summaries = await folder.FetchAsync(range, MessageSummaryItems.UniqueId, cancellationToken);
        foreach (var uid in summaries.Select(s => s.UniqueId).Where(u => u.Id > last).OrderBy(u => u.Id))
        {
            var mail = await folder.GetMessageAsync(uid, cancellationToken);
            try
            {
                await processor.ProcessAsync(account, mail, cancellationToken);
            }
            catch (DomainException ex) when (ex.Code == DomainErrorCode.Invalid)
            {
                // A mail the domain refuses would block the mailbox forever: it stays unread on the server for a person.
                LogMailRefused(logger, ex, account.Key.Account, uid.Id);
                await grain.ConfirmPollingOffsetAsync(new EmailPosition(validity, uid.Id).Offset);
                continue;
            }

            if (AfterStored is { } afterStored)
            {
                await afterStored(uid.Id, cancellationToken);
            }

            await folder.AddFlagsAsync(uid, MessageFlags.Seen, silent: true, cancellationToken);
            await grain.ConfirmPollingOffsetAsync(new EmailPosition(validity, uid.Id).Offset);
        }
    }

    /// <summary>True while the account still names the same servers and credential (a reconnect with new ones reopens).</summary>
    private static bool SameConnection(ChannelAccount current, ChannelAccount read) =>
        current.Credential == read.Credential
        && (current.Settings ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal)
            .SequenceEqual((read.Settings ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal));

    /// <summary>Waits until the server announces new mail (IDLE) or the poll interval passes.</summary>
    private static async Task WaitForMailAsync(ImapClient client, IMailFolder folder, EmailOptions settings, CancellationToken stoppingToken)
    {
        if (!client.Capabilities.HasFlag(ImapCapabilities.Idle))
        {
            await Task.Delay(settings.PollInterval, stoppingToken);
            return;
        }

        using var done = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        done.CancelAfter(settings.IdleRenewal);
        void OnNewMail(object? sender, EventArgs e) => done.Cancel();
        folder.CountChanged += OnNewMail;
        try
        {
            await client.IdleAsync(done.Token, stoppingToken);
        }
        finally
        {
            folder.CountChanged -= OnNewMail;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the list of connected mailboxes failed")]
    private static partial void LogRegistryFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading mailbox {Mailbox} failed; retrying in 5 s")]
    private static partial void LogReadFailed(ILogger logger, Exception exception, string mailbox);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mailbox {Mailbox} changed UIDVALIDITY from {Old} to {New}: the folder is read again, stored mails are not stored twice")]
    private static partial void LogUidValidityChanged(ILogger logger, string mailbox, uint old, uint @new);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail UID {Uid} of mailbox {Mailbox} was refused and left unread on the server")]
    private static partial void LogMailRefused(ILogger logger, Exception exception, string mailbox, uint uid);
}
