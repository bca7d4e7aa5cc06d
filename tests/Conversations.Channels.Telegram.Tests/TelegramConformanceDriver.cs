using System.Globalization;
using System.Net;
using System.Text;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Delivery;
using Conversations.Testing.Channels;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace Conversations.Channels.Telegram.Tests;

/// <summary>Drives the Telegram gateway through the conformance suite: updates from the recorded fixtures, sent by the Bot API stand-in.</summary>
public sealed class TelegramConformanceDriver : TelegramGatewayFixture, IChannelConformanceDriver
{
    private string WebhookPath => $"/webhooks/telegram/{BotId}";

    public ChannelKind Kind => ChannelKind.Telegram;

    public ISendErrorClassifier? Classifier { get; } = new TelegramSendErrorClassifier();

    public Task<InboundSample> NewTextMessageAsync(string text) => Task.FromResult(Sample("text", text));

    public Task<IReadOnlyList<InboundKindCase>> InboundKindsAsync() => Task.FromResult<IReadOnlyList<InboundKindCase>>(
    [
        new(Sample("text", "hello"), typeof(TextContent)),
        new(Sample("start_deep_link"), typeof(TextContent)),
        new(Sample("photo"), typeof(ImageContent)),
        new(Sample("document"), typeof(DocumentContent)),
        new(Sample("contact"), typeof(ContactContent)),
        new(Sample("location"), typeof(LocationContent)),
        new(Sample("callback_query"), typeof(ButtonPressContent)),
        // Kinds we do not handle yet are still stored, as "unsupported", so an operator sees something arrived.
        new(Sample("sticker"), typeof(UnsupportedContent)),
        new(Sample("voice"), typeof(UnsupportedContent)),
    ]);

    public async Task<HttpResponseMessage> DeliverAsync(InboundSample sample, WebhookCredential credential)
    {
        var headers = credential switch
        {
            WebhookCredential.Valid => new Dictionary<string, string> { [TelegramWebhookEndpoints.SecretHeader] = WebhookSecret },
            WebhookCredential.Wrong => new Dictionary<string, string> { [TelegramWebhookEndpoints.SecretHeader] = "forged-" + WebhookSecret },
            _ => [],
        };
        return await BotApi.DeliverAsync(Http, WebhookPath, Encoding.UTF8.GetBytes(sample.Body), headers);
    }

    public async Task<HttpResponseMessage> DeliverRawAsync(byte[] body) =>
        await BotApi.DeliverAsync(Http, WebhookPath, body, new Dictionary<string, string> { [TelegramWebhookEndpoints.SecretHeader] = WebhookSecret });

    public async Task<IReadOnlyList<ChatMessage>> StoredFromAsync(InboundSample sample) =>
        await HistoryAsync(long.Parse(sample.Customer, CultureInfo.InvariantCulture));

    /// <summary>The errors the Bot API documents (core.telegram.org/bots/api#making-requests, /bots/faq), as Telegram.Bot throws them.</summary>
    public IReadOnlyList<SendErrorCase> SendErrors() =>
    [
        new("429 Too Many Requests with parameters.retry_after", new ApiRequestException("Too Many Requests: retry after 5", 429, new ResponseParameters { RetryAfter = 5 }), DeliveryOutcome.RetryAfter),
        new("429 Too Many Requests without parameters", new ApiRequestException("Too Many Requests", 429), DeliveryOutcome.RetryAfter),
        new("403 Forbidden: bot was blocked by the user", new ApiRequestException("Forbidden: bot was blocked by the user", 403), DeliveryOutcome.RecipientBlocked),
        new("403 Forbidden: user is deactivated", new ApiRequestException("Forbidden: user is deactivated", 403), DeliveryOutcome.RecipientBlocked),
        new("400 Bad Request: chat not found", new ApiRequestException("Bad Request: chat not found", 400), DeliveryOutcome.Permanent),
        new("400 Bad Request: message is too long", new ApiRequestException("Bad Request: message is too long", 400), DeliveryOutcome.Permanent),
        new("401 Unauthorized (token revoked)", new ApiRequestException("Unauthorized", 401), DeliveryOutcome.Permanent),
        new("500 Internal Server Error", new ApiRequestException("Internal Server Error", 500), DeliveryOutcome.Transient),
        new("502 Bad Gateway from a proxy (no API answer)", new RequestException("Bad Gateway", HttpStatusCode.BadGateway), DeliveryOutcome.Transient),
        new("connection refused", new HttpRequestException("Connection refused"), DeliveryOutcome.Transient),
    ];

    private static InboundSample Sample(string fixture, string text = "")
    {
        var user = Fixture.NewUserId();
        return new InboundSample(fixture, user.ToString(CultureInfo.InvariantCulture), Fixture.Load(fixture, user, text: text));
    }
}
