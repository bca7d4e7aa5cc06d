using System.Net.Http.Headers;
using System.Net.Http.Json;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Webhooks;
using Conversations.Testing;
using Conversations.Testing.Email;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Conversations.Channels.Email.Tests;

/// <summary>
/// smtp4dev (a real SMTP and IMAP server) and the real host (embedded, on a fake clock) with a tenant whose support
/// mailbox is connected through the platform API; the host reads it over IMAP and sends over SMTP.
/// </summary>
public class EmailGatewayFixture : IAsyncLifetime
{
    private static int _next;

    public Smtp4devServer Mail { get; private set; } = null!;

    public ConversationsApp App { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>The app's clock, started at the real time: the operator's sign-in tokens are checked against the real clock.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public Guid TenantId { get; private set; }

    /// <summary>Where the app serves on a real port, when <see cref="ServesBrowser"/>.</summary>
    public Uri? BaseAddress { get; private set; }

    /// <summary>True to serve on a real loopback port, for a browser (the console).</summary>
    protected virtual bool ServesBrowser => false;

    /// <summary>The inbound hook's secret, as the connection gave it.</summary>
    public string HookSecret { get; private set; } = "";

    /// <summary>The receiving server whose Authentication-Results the support mailbox believes.</summary>
    public const string TrustedAuthServId = "mx.shop-mail.test";

    public static string NewCustomerAddress() => $"customer{Interlocked.Increment(ref _next)}-{Guid.NewGuid():N}"[..24] + "@customer.test";

    public async Task InitializeAsync()
    {
        Mail = await Smtp4devServer.StartAsync();
        App = new ConversationsApp(null, null, Clock, seedDemo: false, settings: new Dictionary<string, string?>
        {
            // Real time, for the reader's waits on a real server (never for the fake clock's timers).
            ["Channels:Email:RegistryRefresh"] = "00:00:00.200",
            ["Channels:Email:IdleRenewal"] = "00:00:05",
            ["Channels:Email:PollInterval"] = "00:00:01",
            // smtp4dev listens on loopback, which the outbound policy refuses to tenants unless the platform allows it.
            ["Outbound:AllowedNetworks:0"] = "127.0.0.1/32",
        });
        Http = ServesBrowser ? new HttpClient { BaseAddress = BaseAddress = App.StartKestrel() } : App.CreateClient();
        Http.DefaultRequestHeaders.Add("X-Platform-Key", ConversationsApp.PlatformKey);
        var tenant = await (await Http.PostAsJsonAsync("/api/v1/platform/tenants", new { slug = "shop", name = "Shop", adminUsername = "admin", adminPassword = "admin-password" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<Conversations.Api.Contracts.Platform.TenantCreated>(TestJson.Options);
        TenantId = tenant!.Tenant.TenantId;
        var connected = await ConnectAsync(MailboxRequest());
        connected.EnsureSuccessStatusCode();
        var connection = await connected.Content.ReadFromJsonAsync<Conversations.Api.Contracts.Channels.EmailConnection>(TestJson.Options);
        HookSecret = connection!.InboundHookSecret;
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
        await Mail.DisposeAsync();
    }

    /// <summary>The connect request for the support mailbox on smtp4dev, changed by <paramref name="change"/>.</summary>
    public Dictionary<string, object?> MailboxRequest(Action<Dictionary<string, object?>>? change = null)
    {
        var request = new Dictionary<string, object?>
        {
            ["address"] = Smtp4devServer.SupportAddress,
            ["displayName"] = "Shop support",
            ["imapHost"] = "127.0.0.1",
            ["imapPort"] = Mail.ImapPort,
            ["imapTls"] = "None",
            ["smtpHost"] = "127.0.0.1",
            ["smtpPort"] = Mail.SmtpPort,
            ["smtpTls"] = "None",
            ["username"] = Smtp4devServer.SupportUser,
            ["credential"] = Smtp4devServer.SupportPassword,
            ["signature"] = "Shop support team\nhttps://shop.test/help",
            ["trustedAuthServId"] = TrustedAuthServId,
        };
        change?.Invoke(request);
        return request;
    }

    public Task<HttpResponseMessage> ConnectAsync(object request) => Http.PostAsJsonAsync("/api/v1/platform/tenants/shop/email-mailboxes", request);

    /// <summary>A plain mail from <paramref name="from"/> to the support address.</summary>
    public static MimeMessage MailFrom(string from, string subject, string text, string? messageId = null)
    {
        var mail = new MimeMessage();
        mail.From.Add(new MailboxAddress("Anna Petrova", from));
        mail.To.Add(MailboxAddress.Parse(Smtp4devServer.SupportAddress));
        mail.Subject = subject;
        mail.MessageId = messageId ?? $"{Guid.NewGuid():N}@customer.test";
        mail.Body = new TextPart("plain") { Text = text };
        return mail;
    }

    public IChannelIdentityGrain Identity(string address) =>
        App.Grains.GetGrain<IChannelIdentityGrain>(new ChannelIdentityKey(TenantId, ChannelKind.Email, Smtp4devServer.SupportAddress, address).ToGrainKey());

    public async Task<CustomerProfile?> CustomerAsync(string address) =>
        await Identity(address).GetCustomerIdAsync() is { } customerId
            ? await App.Grains.GetGrain<ICustomerGrain>(new CustomerKey(TenantId, customerId).ToGrainKey()).GetProfileAsync()
            : null;

    public async Task<IReadOnlyList<ChatMessage>> HistoryAsync(string address, bool includeBot = true)
    {
        var customer = await CustomerAsync(address);
        if (customer?.CurrentConversationId is not { } conversationId)
        {
            return [];
        }

        return await HistoryOfAsync(conversationId, includeBot);
    }

    /// <summary>The messages of conversation <paramref name="conversationId"/>.</summary>
    public Task<IReadOnlyList<ChatMessage>> HistoryOfAsync(Guid conversationId, bool includeBot = true) =>
        Conversation(conversationId).GetHistoryAsync(new HistoryQuery(IncludeBot: includeBot, IncludeEvents: false));

    public IConversationGrain Conversation(Guid conversationId) =>
        App.Grains.GetGrain<IConversationGrain>(new ConversationKey(TenantId, conversationId).ToGrainKey());

    /// <summary>Pushes <paramref name="raw"/> to the support mailbox's inbound hook, signed with <paramref name="signature"/>.</summary>
    public async Task<HttpResponseMessage> PushAsync(byte[] raw, string? signature)
    {
        using var content = new ByteArrayContent(raw);
        content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        if (signature is not null)
        {
            content.Headers.Add(EmailWebhookEndpoints.SignatureHeader, signature);
        }

        return await Http.PostAsync("/webhooks/email/support%40shop.test", content);
    }

    /// <summary>Pushes <paramref name="mail"/> to the inbound hook, signed right, and fails unless it was taken.</summary>
    public async Task PushSignedAsync(MimeMessage mail)
    {
        var raw = Raw(mail);
        (await PushAsync(raw, Sign(raw))).EnsureSuccessStatusCode();
    }

    /// <summary>The inbound hook's signature of <paramref name="raw"/>.</summary>
    public string Sign(byte[] raw) => HmacSignature.Sign(HmacAlgorithm.Sha256, HookSecret, raw, SignatureEncoding.Hex, "sha256=");

    /// <summary>The bytes of <paramref name="mail"/>.</summary>
    public static byte[] Raw(MimeMessage mail)
    {
        using var stream = new MemoryStream();
        mail.WriteTo(stream);
        return stream.ToArray();
    }

    /// <summary>
    /// Returns once a mail to <paramref name="customer"/> matching <paramref name="arrived"/> is in their mailbox, moving
    /// the fake clock meanwhile: sends are paced on it (the support account's budget, a recipient's pace), and every test
    /// of the collection spends the account's burst in no fake time at all, so a test that waited on the real clock
    /// alone would find the budget spent by the tests before it and wait forever.
    /// </summary>
    public Task MailArrivesAsync(string customer, Func<MimeMessage, bool> arrived, string what) =>
        Eventually.AdvanceUntilAsync(Clock, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5),
            async () => (await CustomerInboxAsync(customer)).Any(arrived), what);

    /// <summary>The mails that reached <paramref name="customer"/>'s mailbox.</summary>
    public Task<IReadOnlyList<MimeMessage>> CustomerInboxAsync(string customer) =>
        Mail.InboxAsync(Smtp4devServer.CustomerUser, Smtp4devServer.CustomerPassword, customer);
}
