using System.Collections.Concurrent;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Tenants;
using Conversations.Channels.Media;
using Conversations.Persistence.Media;
using Conversations.Testing;
using Conversations.Testing.Email;
using MailKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Conversations.Channels.Email.Tests;

/// <summary>
/// Issue 25's crash test, on real PostgreSQL and a real IMAP server: two silos read one mailbox; the silo that reads a
/// mail is killed (no graceful stop) after storing it and before flagging it \Seen or moving the position. The mail is
/// stored once, its original kept once, and the other silo takes the mailbox over; never do both read it at once.
/// </summary>
public sealed class EmailReaderCrashTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private Smtp4devServer _mail = null!;

    public async Task InitializeAsync() => _mail = await Smtp4devServer.StartAsync();

    public async Task DisposeAsync() => await _mail.DisposeAsync();

    [Fact]
    public async Task A_silo_killed_between_storing_a_mail_and_acknowledging_it_leaves_it_stored_once_and_the_other_silo_reads_on()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await TestClusters.StartAsync(database.ConnectionString, silos: 2, time: clock, serviceId: "mailcrash-" + Guid.NewGuid().ToString("N")[..8]);
        var tenant = await cluster.Client.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).CreateTenantAsync("mail-crash-" + Guid.NewGuid().ToString("N")[..6], "Mail crash shop");
        var key = new ChannelAccountKey(ChannelKind.Email, Smtp4devServer.SupportAddress);
        var account = cluster.Client.GetGrain<IChannelAccountGrain>(key.ToGrainKey());
        var mailbox = new EmailMailbox(Smtp4devServer.SupportAddress, "Shop support", new EmailServer("127.0.0.1", _mail.ImapPort, EmailTlsMode.None),
            new EmailServer("127.0.0.1", _mail.SmtpPort, EmailTlsMode.None), Smtp4devServer.SupportUser, EmailCredentialKind.Password, "INBOX");
        await account.ConnectAsync(new ChannelAccount(key, tenant.TenantId, "Shop support", InboundMode.Polling, Smtp4devServer.SupportPassword, "hook-secret", true,
            mailbox.ToSettings()));

        // Every mail a silo stored, in order; the first silo to store one is killed right there, before acknowledging it.
        var stored = new ConcurrentQueue<(int Silo, uint Uid)>();
        var victim = -1;
        var silos = cluster.Silos.ToArray();
        var kills = silos.Select(_ => new CancellationTokenSource()).ToArray();
        var readers = new EmailMailboxReader[silos.Length];
        for (var i = 0; i < silos.Length; i++)
        {
            var silo = i;
            readers[i] = Reader(silos[i].ServiceProvider, clock);
            readers[i].AfterStored = async (uid, _) =>
            {
                stored.Enqueue((silo, uid));
                if (Interlocked.CompareExchange(ref victim, silo, -1) == -1)
                {
                    await cluster.KillSiloAsync(silos[silo], CancellationToken.None);
                    await kills[silo].CancelAsync();
                    kills[silo].Token.ThrowIfCancellationRequested();
                }
            };
        }

        try
        {
            // The second silo starts reading first and holds the mailbox's lease; then the first joins and must wait.
            await readers[1].StartAsync(kills[1].Token);
            await Eventually.HoldsAsync(async () => !await account.TryAcquirePollingLeaseAsync("probe", TimeSpan.Zero), "silo 2 reading the mailbox");
            await readers[0].StartAsync(kills[0].Token);

            var first = EmailGatewayFixture.MailFrom("crash@customer.test", "Order 1", "Where is my order?");
            await _mail.SendAsCustomerAsync(first);
            await Eventually.HoldsAsync(() => kills[1].IsCancellationRequested, "silo 2 killed after storing the mail", TimeSpan.FromSeconds(60));
            Assert.False(await SeenAsync(first.MessageId!));

            // Silo 2's lease runs out on the clock; silo 1 reads the mail again, stores nothing new, acknowledges it.
            await Eventually.AdvanceUntilAsync(clock, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(30),
                () => SeenAsync(first.MessageId!), "the surviving silo acknowledging the mail");
            var second = EmailGatewayFixture.MailFrom("crash@customer.test", "Order 2", "And another one");
            await _mail.SendAsCustomerAsync(second);
            await Eventually.HoldsAsync(() => SeenAsync(second.MessageId!),
                "the next mail read by the surviving silo", TimeSpan.FromSeconds(60));

            Assert.Equal(1, await CountAsync("SELECT count(*) FROM messages WHERE tenant_id = @tenant AND channel_message_id = @id", tenant.TenantId, first.MessageId));
            Assert.Equal(1, await CountAsync("SELECT count(*) FROM messages WHERE tenant_id = @tenant AND channel_message_id = @id", tenant.TenantId, second.MessageId));
            Assert.Equal(2, await CountAsync("SELECT count(*) FROM email_originals WHERE tenant_id = @tenant", tenant.TenantId, null));
            Assert.Equal(2, await CountAsync("SELECT count(*) FROM media WHERE tenant_id = @tenant AND content_type = 'message/rfc822'", tenant.TenantId, null));
            var uids = stored.Select(s => s.Uid).Distinct().Order().ToArray();
            Assert.Equal(new (int, uint)[] { (1, uids[0]), (0, uids[0]), (0, uids[1]) }, stored.Select(s => (s.Silo, s.Uid)).ToArray());
        }
        finally
        {
            foreach (var kill in kills)
            {
                await kill.CancelAsync();
            }

            await Task.WhenAll(readers.Select(r => r.ExecuteTask ?? Task.CompletedTask)).WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(_ => { }, TaskScheduler.Default);
            foreach (var kill in kills)
            {
                kill.Dispose();
            }
        }
    }

    /// <summary>A silo's mailbox reader, built from that silo's services (its grain factory dies with it).</summary>
    private static EmailMailboxReader Reader(IServiceProvider silo, TimeProvider clock)
    {
        var grains = silo.GetRequiredService<IGrainFactory>();
        var intake = new MediaIntake(silo.GetRequiredService<IMediaStore>(), Options.Create(new MediaOptions()), silo.GetRequiredService<IIdGenerator>(), clock);
        var processor = new EmailInboundProcessor(new EmailMessageMapper(), new EmailFileIntake(intake, NullLogger<EmailFileIntake>.Instance),
            silo.GetRequiredService<IMailOriginalStore>(), grains, NullLogger<EmailInboundProcessor>.Instance);
        var options = Options.Create(new EmailOptions
        {
            // Real time, for the waits on a real server; the lease runs on the fake clock.
            RegistryRefresh = TimeSpan.FromMilliseconds(200),
            PollInterval = TimeSpan.FromMilliseconds(500),
            IdleRenewal = TimeSpan.FromSeconds(2),
        });
        return new EmailMailboxReader(grains, processor, options, NullLogger<EmailMailboxReader>.Instance);
    }

    private async Task<bool> SeenAsync(string messageId) =>
        (await _mail.SupportFlagsAsync()).TryGetValue(messageId, out var flags) && flags.HasFlag(MessageFlags.Seen);

    private async Task<long> CountAsync(string sql, Guid tenantId, string? id)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("tenant", tenantId);
        if (id is not null)
        {
            command.Parameters.AddWithValue("id", id);
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }
}
