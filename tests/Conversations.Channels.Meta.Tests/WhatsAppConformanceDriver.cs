using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Delivery;
using Conversations.Channels.Meta.Graph;
using Conversations.Channels.Meta.WhatsApp;
using Conversations.Testing.Channels;
using Conversations.Testing.Meta;

namespace Conversations.Channels.Meta.Tests;

/// <summary>Drives the WhatsApp gateway through the conformance suite: webhooks built and signed by the Graph API stand-in.</summary>
public sealed class WhatsAppConformanceDriver : WhatsAppGatewayFixture, IChannelConformanceDriver
{
    public ChannelKind Kind => ChannelKind.WhatsApp;

    public ISendErrorClassifier? Classifier { get; } = new WhatsAppSendErrorClassifier();

    public Task<InboundSample> NewTextMessageAsync(string text)
    {
        var customer = NewCustomer();
        return Task.FromResult(Sample("text", customer, GraphApiStandIn.Text(customer, NewMessageId(), text)));
    }

    /// <summary>One message of each kind of the messages webhook reference.</summary>
    public Task<IReadOnlyList<InboundKindCase>> InboundKindsAsync() => Task.FromResult<IReadOnlyList<InboundKindCase>>(
    [
        new(Of("text", new JsonObject { ["body"] = "hello" }), typeof(TextContent)),
        new(Of("image", new JsonObject { ["caption"] = "look", ["mime_type"] = "image/jpeg", ["sha256"] = "abc", ["id"] = "1003383421387256" }), typeof(ImageContent)),
        new(Of("document", new JsonObject { ["filename"] = "invoice.pdf", ["mime_type"] = "application/pdf", ["sha256"] = "abc", ["id"] = "1003383421387257" }), typeof(DocumentContent)),
        new(Of("audio", new JsonObject { ["mime_type"] = "audio/ogg; codecs=opus", ["sha256"] = "abc", ["id"] = "1003383421387258", ["voice"] = true }), typeof(DocumentContent)),
        new(Of("video", new JsonObject { ["mime_type"] = "video/mp4", ["sha256"] = "abc", ["id"] = "1003383421387259" }), typeof(DocumentContent)),
        new(Of("sticker", new JsonObject { ["mime_type"] = "image/webp", ["sha256"] = "abc", ["id"] = "1003383421387260", ["animated"] = false }), typeof(DocumentContent)),
        new(Of("location", new JsonObject { ["latitude"] = 37.48, ["longitude"] = -122.14, ["name"] = "Philz Coffee", ["address"] = "101 Forest Ave" }), typeof(LocationContent)),
        new(Of("contacts", new JsonArray(new JsonObject
        {
            ["name"] = new JsonObject { ["formatted_name"] = "Barbara Johnson", ["first_name"] = "Barbara", ["last_name"] = "Johnson" },
            ["phones"] = new JsonArray(new JsonObject { ["phone"] = "+1 (650) 555-1234", ["type"] = "MOBILE", ["wa_id"] = "16505551234" }),
        }), key: "contacts"), typeof(ContactContent)),
        new(Of("interactive", new JsonObject { ["type"] = "button_reply", ["button_reply"] = new JsonObject { ["id"] = "delivery", ["title"] = "Delivery" } }), typeof(ButtonPressContent)),
        new(Of("interactive", new JsonObject { ["type"] = "list_reply", ["list_reply"] = new JsonObject { ["id"] = "returns", ["title"] = "Returns", ["description"] = "How to return" } }), typeof(ButtonPressContent)),
        new(Of("button", new JsonObject { ["payload"] = "STOP", ["text"] = "Stop promotions" }), typeof(ButtonPressContent)),
        // Kinds the platform has no content for are still stored, as "unsupported", so an operator sees something arrived.
        new(Of("reaction", new JsonObject { ["message_id"] = "wamid.earlier", ["emoji"] = "👍" }), typeof(UnsupportedContent)),
        new(Of("unsupported", null), typeof(UnsupportedContent)),
    ]);

    public async Task<HttpResponseMessage> DeliverAsync(InboundSample sample, WebhookCredential credential) =>
        await DeliverAsync(Encoding.UTF8.GetBytes(sample.Body), credential switch
        {
            WebhookCredential.Valid => AppSecret,
            WebhookCredential.Wrong => "forged-" + AppSecret,
            _ => null,
        });

    public async Task<HttpResponseMessage> DeliverRawAsync(byte[] body) => await DeliverAsync(body);

    public async Task<IReadOnlyList<ChatMessage>> StoredFromAsync(InboundSample sample) => await HistoryAsync(sample.Customer);

    /// <summary>
    /// The errors the Cloud API documents (developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes;
    /// Graph codes from developers.facebook.com/docs/graph-api/guides/error-handling), as the Graph client throws them.
    /// </summary>
    public IReadOnlyList<SendErrorCase> SendErrors() =>
    [
        new("130429 rate limit hit (throughput)", GraphError(400, 130429, "Rate limit hit"), DeliveryOutcome.RetryAfter),
        new("131056 pair rate limit hit", GraphError(400, 131056, "(Business Account, Consumer Account) pair rate limit hit"), DeliveryOutcome.RetryAfter),
        new("4 application request limit reached", GraphError(400, 4, "Application request limit reached"), DeliveryOutcome.RetryAfter),
        new("80007 rate limit issues", GraphError(400, 80007, "Rate limit issues"), DeliveryOutcome.RetryAfter),
        new("131047 re-engagement message (outside the 24-hour window)", GraphError(400, 131047, "Re-engagement message"), DeliveryOutcome.Permanent),
        new("131026 message undeliverable", GraphError(400, 131026, "Message Undeliverable"), DeliveryOutcome.RecipientBlocked),
        new("131048 spam rate limit hit", GraphError(400, 131048, "Spam rate limit hit"), DeliveryOutcome.Permanent),
        new("190 access token expired", GraphError(401, 190, "Access token has expired"), DeliveryOutcome.Permanent),
        new("10 permission denied", GraphError(403, 10, "Permission denied"), DeliveryOutcome.Permanent),
        new("131009 parameter value is not valid", GraphError(400, 131009, "Parameter value is not valid"), DeliveryOutcome.Permanent),
        new("368 temporarily blocked for policies violations", GraphError(400, 368, "Temporarily blocked for policies violations"), DeliveryOutcome.Permanent),
        new("131000 something went wrong", GraphError(500, 131000, "Something went wrong"), DeliveryOutcome.Transient),
        new("2 service temporarily unavailable", GraphError(503, 2, "Service temporarily unavailable"), DeliveryOutcome.Transient),
        new("502 from a proxy (no error object)", new HttpRequestException("Bad Gateway", null, HttpStatusCode.BadGateway), DeliveryOutcome.Transient),
        new("connection refused", new HttpRequestException("Connection refused"), DeliveryOutcome.Transient),
    ];

    private static GraphApiException GraphError(int status, int code, string message) =>
        new(status, new Conversations.Channels.Meta.Graph.GraphError(code, null, $"(#{code}) {message}", "OAuthException", message, "Atrace"));

    private static InboundSample Of(string type, JsonNode? payload, string? key = null)
    {
        var customer = NewCustomer();
        var message = GraphApiStandIn.Message(customer, NewMessageId(), type, payload);
        if (key is not null && key != type)
        {
            message[key] = payload?.DeepClone();
        }

        return Sample(type, customer, message);
    }

    private static InboundSample Sample(string kind, string customer, JsonObject message) =>
        new(kind, customer, Encoding.UTF8.GetString(OneMessage(message)));
}
