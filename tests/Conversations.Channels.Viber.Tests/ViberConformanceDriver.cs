using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Delivery;
using Conversations.Channels.Viber.Api;
using Conversations.Testing.Channels;
using Conversations.Testing.Viber;

namespace Conversations.Channels.Viber.Tests;

/// <summary>Drives the Viber gateway through the conformance suite: signed callbacks sent by the Viber API stand-in.</summary>
public sealed class ViberConformanceDriver : ViberGatewayFixture, IChannelConformanceDriver
{
    public ChannelKind Kind => ChannelKind.Viber;

    public ISendErrorClassifier? Classifier { get; } = new ViberSendErrorClassifier();

    public Task<InboundSample> NewTextMessageAsync(string text) => Task.FromResult(Sample("text", new JsonObject { ["type"] = "text", ["text"] = text }));

    public Task<IReadOnlyList<InboundKindCase>> InboundKindsAsync() => Task.FromResult<IReadOnlyList<InboundKindCase>>(
    [
        new(Sample("text", new JsonObject { ["type"] = "text", ["text"] = "hello" }), typeof(TextContent)),
        new(Sample("keyboard_reply", new JsonObject
        {
            ["type"] = "text", ["text"] = "Delivery", ["tracking_data"] = "{\"b\":{\"Delivery\":\"menu:delivery\",\"Pay\":\"menu:pay\"}}",
        }), typeof(ButtonPressContent)),
        new(Sample("picture", new JsonObject { ["type"] = "picture", ["text"] = "my receipt", ["media"] = "https://dl-media.viber.com/1/share/2/long/bots/generic/picture.jpg", ["file_name"] = "picture.jpg", ["file_size"] = 35_000 }), typeof(ImageContent)),
        new(Sample("video", new JsonObject { ["type"] = "video", ["media"] = "https://dl-media.viber.com/v.mp4", ["size"] = 2_000_000, ["duration"] = 12 }), typeof(DocumentContent)),
        new(Sample("file", new JsonObject { ["type"] = "file", ["media"] = "https://dl-media.viber.com/invoice.pdf", ["file_name"] = "invoice.pdf", ["size"] = 48_211 }), typeof(DocumentContent)),
        new(Sample("sticker", new JsonObject { ["type"] = "sticker", ["sticker_id"] = 46105, ["media"] = "https://viber.com/stickers/46105.png" }), typeof(DocumentContent)),
        new(Sample("location", new JsonObject { ["type"] = "location", ["location"] = new JsonObject { ["lat"] = 55.75, ["lon"] = 37.62 } }), typeof(LocationContent)),
        new(Sample("contact", new JsonObject { ["type"] = "contact", ["contact"] = new JsonObject { ["name"] = "Anna", ["phone_number"] = "+79001234567" } }), typeof(ContactContent)),
        new(Sample("url", new JsonObject { ["type"] = "url", ["media"] = "https://shop.example.com/item/7" }), typeof(LinkContent)),
        // Kinds we do not handle are still stored, as "unsupported", so an operator sees something arrived.
        new(Sample("rich_media", new JsonObject { ["type"] = "rich_media", ["rich_media"] = new JsonObject { ["Type"] = "rich_media" } }), typeof(UnsupportedContent)),
    ]);

    public async Task<HttpResponseMessage> DeliverAsync(InboundSample sample, WebhookCredential credential)
    {
        var body = Encoding.UTF8.GetBytes(sample.Body);
        var token = credential switch
        {
            WebhookCredential.Valid => Token,
            WebhookCredential.Wrong => "forged-" + Token,
            _ => null,
        };
        return await Viber.DeliverAsync(Http, WebhookPath, body, ViberApiStandIn.Headers(token, body));
    }

    public async Task<HttpResponseMessage> DeliverRawAsync(byte[] body) =>
        await Viber.DeliverAsync(Http, WebhookPath, body, ViberApiStandIn.Headers(Token, body));

    public async Task<IReadOnlyList<ChatMessage>> StoredFromAsync(InboundSample sample) => await HistoryAsync(sample.Customer);

    /// <summary>Every status of the error-codes table (developers.viber.com/docs/api/rest-bot-api/#error-codes) as <see cref="ViberApiClient"/> throws it, and transport failures.</summary>
    public IReadOnlyList<SendErrorCase> SendErrors() =>
    [
        new("1 invalidUrl", Status(1, "invalidUrl"), DeliveryOutcome.Permanent),
        new("2 invalidAuthToken", Status(2, "invalidAuthToken"), DeliveryOutcome.Permanent),
        new("3 badData", Status(3, "badData"), DeliveryOutcome.Permanent),
        new("4 missingData", Status(4, "missingData"), DeliveryOutcome.Permanent),
        new("5 receiverNotRegistered", Status(5, "receiverNotRegistered"), DeliveryOutcome.RecipientBlocked),
        new("6 receiverNotSubscribed", Status(6, "receiverNotSubscribed"), DeliveryOutcome.RecipientBlocked),
        new("7 publicAccountBlocked", Status(7, "publicAccountBlocked"), DeliveryOutcome.Permanent),
        new("8 publicAccountNotFound", Status(8, "publicAccountNotFound"), DeliveryOutcome.Permanent),
        new("9 publicAccountSuspended", Status(9, "publicAccountSuspended"), DeliveryOutcome.Permanent),
        new("10 webhookNotSet", Status(10, "webhookNotSet"), DeliveryOutcome.Permanent),
        new("11 receiverNoSuitableDevice", Status(11, "receiverNoSuitableDevice"), DeliveryOutcome.Permanent),
        new("12 tooManyRequests", Status(12, "tooManyRequests"), DeliveryOutcome.RetryAfter),
        new("13 apiVersionNotSupported", Status(13, "apiVersionNotSupported"), DeliveryOutcome.Permanent),
        new("14 incompatibleWithVersion", Status(14, "incompatibleWithVersion"), DeliveryOutcome.Permanent),
        new("15 publicAccountNotAuthorized", Status(15, "publicAccountNotAuthorized"), DeliveryOutcome.Permanent),
        new("16 inchatReplyMessageNotAllowed", Status(16, "inchatReplyMessageNotAllowed"), DeliveryOutcome.Permanent),
        new("17 publicAccountIsNotInline", Status(17, "publicAccountIsNotInline"), DeliveryOutcome.Permanent),
        new("18 noPublicChat", Status(18, "noPublicChat"), DeliveryOutcome.Permanent),
        new("19 cannotSendBroadcast", Status(19, "cannotSendBroadcast"), DeliveryOutcome.Permanent),
        new("other: general error", Status(-1, "generalError"), DeliveryOutcome.Transient),
        new("502 from a proxy (no API answer)", new HttpRequestException("Bad Gateway", null, HttpStatusCode.BadGateway), DeliveryOutcome.Transient),
        new("connection refused", new HttpRequestException("Connection refused"), DeliveryOutcome.Transient),
    ];

    private static ViberApiException Status(int status, string message) => new(status, message, "send_message");

    private InboundSample Sample(string kind, JsonObject message)
    {
        var user = NewUserId();
        return new InboundSample(kind, user, Viber.MessageCallback(BotId, user, message));
    }
}
