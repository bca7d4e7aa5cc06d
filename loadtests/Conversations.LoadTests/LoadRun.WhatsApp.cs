using System.Globalization;
using System.Threading.Channels;
using Conversations.Channels.Webhooks;
using Conversations.Testing.Meta;

namespace Conversations.LoadTests;

/// <summary>
/// The WhatsApp share of a run: one number of the load tenant, connected through the load Meta app, whose customers'
/// messages go to the app's webhook as Meta sends them: signed with the app secret in <c>X-Hub-Signature-256</c> and
/// batched. Meta holds the updates of an app while its deliveries are in flight and sends what piled up together, so
/// here a few posters take every message pending when they are free (up to <see cref="MaxBatch"/>): batches stay single
/// while the platform keeps up and grow when it is slow, and a message's ack time includes its wait in that queue.
/// </summary>
internal sealed partial class LoadRun
{
    /// <summary>The Meta app every silo of a load run knows (<c>Channels:Meta:Apps</c>).</summary>
    internal const string MetaAppId = "700000000000001";

    /// <summary>The app secret the webhooks are signed with (the silos' <c>Channels:Meta:Apps:0:AppSecret</c>).</summary>
    internal const string MetaAppSecret = "load-meta-app-secret";

    /// <summary>The verify token of the load app (only the handshake uses it; a load run does not).</summary>
    internal const string MetaVerifyToken = "load-meta-verify-token";

    /// <summary>Most messages in one webhook POST.</summary>
    private const int MaxBatch = 30;

    /// <summary>Webhook deliveries in flight at once, as Meta limits its own per callback URL.</summary>
    private const int WhatsAppPosters = 8;

    /// <summary>Messages in one entry of a batch (a batch of 7 is 3 entries: Meta's entries and changes are both lists).</summary>
    private const int MessagesPerEntry = 3;

    private readonly Channel<PendingWhatsApp> _whatsAppPending = Channel.CreateUnbounded<PendingWhatsApp>();
    private long _whatsAppPosts;
    private long _whatsAppPosted;

    /// <summary>The run's WhatsApp number (phone_number_id), so runs can repeat against the same silos.</summary>
    internal long PhoneNumberId { get; } = Random.Shared.NextInt64(100_000_000_000_000, 999_999_999_999_999);

    /// <summary>Webhook POSTs made and the messages they carried (the mean batch size is their ratio).</summary>
    internal (long Posts, long Messages) WhatsAppBatches => (Interlocked.Read(ref _whatsAppPosts), Interlocked.Read(ref _whatsAppPosted));

    private sealed record PendingWhatsApp(Customer Customer, string Text, long Sequence, TaskCompletionSource<HttpResponseMessage> Done);

    /// <summary>Connects the run's number to the tenant and starts the webhook posters.</summary>
    private async Task SetUpWhatsAppAsync(Uri first, CancellationToken cancellationToken)
    {
        await PlatformPostAsync(first, $"/api/v1/platform/tenants/{_slug}/whatsapp-numbers", new
        {
            appId = MetaAppId,
            phoneNumberId = PhoneNumberId.ToString(CultureInfo.InvariantCulture),
            wabaId = "102290129340398",
            accessToken = "EAAG-load-generator-access-token",
        });
        for (var i = 0; i < WhatsAppPosters; i++)
        {
            _ = PostWhatsAppBatchesAsync(cancellationToken);
        }
    }

    /// <summary>Queues one customer message for the next webhook batch; completes with that batch's answer.</summary>
    private Task<HttpResponseMessage> SendWhatsAppAsync(Customer customer, string text, long sequence)
    {
        var done = new TaskCompletionSource<HttpResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_whatsAppPending.Writer.TryWrite(new PendingWhatsApp(customer, text, sequence, done)))
        {
            done.SetException(new HttpRequestException("the run is over"));
        }

        return done.Task;
    }

    /// <summary>One poster: takes what is pending (up to <see cref="MaxBatch"/>), posts it as one signed webhook, hands each message the answer.</summary>
    private async Task PostWhatsAppBatchesAsync(CancellationToken cancellationToken)
    {
        var batch = new List<PendingWhatsApp>(MaxBatch);
        try
        {
            while (await _whatsAppPending.Reader.WaitToReadAsync(cancellationToken))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _whatsAppPending.Reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                }

                if (batch.Count > 0)
                {
                    await PostWhatsAppAsync(batch, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    private async Task PostWhatsAppAsync(List<PendingWhatsApp> batch, CancellationToken cancellationToken)
    {
        var number = PhoneNumberId.ToString(CultureInfo.InvariantCulture);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var body = GraphApiStandIn.Notification([.. batch.Chunk(MessagesPerEntry).Select(entry => GraphApiStandIn.Entry("102290129340398",
            GraphApiStandIn.Change(number, entry.Select(m => GraphApiStandIn.Text(WaId(m.Customer), WhatsAppMessageId(m.Sequence), m.Text, now)))))]);
        var target = targets[(int)(Interlocked.Increment(ref _nextTarget) % targets.Count)];
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target, $"/webhooks/whatsapp/{MetaAppId}"))
            {
                Content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } },
            };
            request.Headers.Add("X-Hub-Signature-256", HmacSignature.Sign(HmacAlgorithm.Sha256, MetaAppSecret, body, SignatureEncoding.Hex, "sha256="));
            using var response = await _http.SendAsync(request, cancellationToken);
            Interlocked.Increment(ref _whatsAppPosts);
            Interlocked.Add(ref _whatsAppPosted, batch.Count);
            foreach (var message in batch)
            {
                message.Done.TrySetResult(new HttpResponseMessage(response.StatusCode));
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            // Meta delivers the batch again; here each message's own loop queues it again, in whatever batch comes next.
            foreach (var message in batch)
            {
                message.Done.TrySetException(ex);
            }
        }
    }

    private static string WaId(Customer customer) => customer.Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The wamid of the run's message <paramref name="sequence"/> (the platform's dedup key ends with it).</summary>
    private static string WhatsAppMessageId(long sequence) => string.Create(CultureInfo.InvariantCulture, $"wamid.load{sequence}");
}
