using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Delivery;
using Conversations.Channels.Vk.Api;
using Conversations.Testing.Channels;

namespace Conversations.Channels.Vk.Tests;

/// <summary>Drives the VK gateway through the conformance suite: Callback API notifications sent by the VK API stand-in.</summary>
public sealed class VkConformanceDriver : VkGatewayFixture, IChannelConformanceDriver
{
    private string CallbackPath => $"/webhooks/vk/{GroupId}";

    public ChannelKind Kind => ChannelKind.Vk;

    public ISendErrorClassifier? Classifier { get; } = new VkSendErrorClassifier();

    public Task<InboundSample> NewTextMessageAsync(string text) => Task.FromResult(Sample("text", user => MessageNew(user, text)));

    public Task<IReadOnlyList<InboundKindCase>> InboundKindsAsync() => Task.FromResult<IReadOnlyList<InboundKindCase>>(
    [
        new(Sample("text", u => MessageNew(u, "hello")), typeof(TextContent)),
        new(Sample("start_button", u => MessageNew(u, "Начать", payload: "{\"command\":\"start\"}")), typeof(TextContent)),
        new(Sample("text_button_payload", u => MessageNew(u, "Delivery", payload: "{\"p\":\"menu:delivery\"}")), typeof(ButtonPressContent)),
        new(Sample("photo", u => MessageNew(u, "", [Photo()])), typeof(ImageContent)),
        new(Sample("doc", u => MessageNew(u, "", [Doc()])), typeof(DocumentContent)),
        new(Sample("audio_message", u => MessageNew(u, "", [Voice()])), typeof(DocumentContent)),
        new(Sample("sticker", u => MessageNew(u, "", [Sticker()])), typeof(DocumentContent)),
        new(Sample("geo", u => MessageNew(u, "", geo: new JsonObject { ["type"] = "point", ["coordinates"] = new JsonObject { ["latitude"] = 55.75, ["longitude"] = 37.62 } })), typeof(LocationContent)),
        new(Sample("wall", u => MessageNew(u, "", [new JsonObject { ["type"] = "wall", ["wall"] = new JsonObject { ["id"] = 12, ["owner_id"] = -GroupId, ["text"] = "Sale!" } }])), typeof(LinkContent)),
        new(Sample("market", u => MessageNew(u, "", [new JsonObject { ["type"] = "market", ["market"] = new JsonObject { ["id"] = 7, ["owner_id"] = -GroupId, ["title"] = "Teapot" } }])), typeof(LinkContent)),
        new(Sample("message_event", u => new JsonObject
        {
            ["user_id"] = u, ["peer_id"] = u, ["event_id"] = "3e4a1f9c5b2d", ["payload"] = new JsonObject { ["p"] = "menu:pay" }, ["conversation_message_id"] = 3,
        }, type: "message_event"), typeof(ButtonPressContent)),
        // Kinds we do not handle are still stored, as "unsupported", so an operator sees something arrived.
        new(Sample("poll", u => MessageNew(u, "", [new JsonObject { ["type"] = "poll", ["poll"] = new JsonObject { ["id"] = 1 } }])), typeof(UnsupportedContent)),
    ]);

    public async Task<HttpResponseMessage> DeliverAsync(InboundSample sample, WebhookCredential credential)
    {
        var body = JsonNode.Parse(sample.Body)!.AsObject();
        switch (credential)
        {
            case WebhookCredential.Missing:
                body.Remove("secret");
                break;
            case WebhookCredential.Wrong:
                body["secret"] = "forged-" + Secret;
                break;
        }

        return await Vk.DeliverAsync(Http, CallbackPath, Encoding.UTF8.GetBytes(body.ToJsonString()), new Dictionary<string, string>());
    }

    public async Task<HttpResponseMessage> DeliverRawAsync(byte[] body) =>
        await Vk.DeliverAsync(Http, CallbackPath, body, new Dictionary<string, string>());

    public async Task<IReadOnlyList<ChatMessage>> StoredFromAsync(InboundSample sample) =>
        await HistoryAsync(long.Parse(sample.Customer, CultureInfo.InvariantCulture));

    /// <summary>
    /// The errors messages.send documents (vk-api-schema messages/methods.json and errors.json; dev.vk.com/reference/errors),
    /// as <see cref="VkApiClient"/> throws them, and transport failures.
    /// </summary>
    public IReadOnlyList<SendErrorCase> SendErrors() =>
    [
        new("901 Can't send messages for users without permission", new VkApiException(901, "Can't send messages for users without permission", "messages.send"), DeliveryOutcome.RecipientBlocked),
        new("900 Can't send messages for users from blacklist", new VkApiException(900, "Can't send messages for users from blacklist", "messages.send"), DeliveryOutcome.RecipientBlocked),
        new("902 Can't send messages to this user due to their privacy settings", new VkApiException(902, "privacy", "messages.send"), DeliveryOutcome.RecipientBlocked),
        new("6 Too many requests per second", new VkApiException(6, "Too many requests per second", "messages.send"), DeliveryOutcome.RetryAfter),
        new("9 Flood control", new VkApiException(9, "Flood control", "messages.send"), DeliveryOutcome.RetryAfter),
        new("914 Message is too long", new VkApiException(914, "Message is too long", "messages.send"), DeliveryOutcome.Permanent),
        new("911 Keyboard format is invalid", new VkApiException(911, "Keyboard format is invalid", "messages.send"), DeliveryOutcome.Permanent),
        new("5 User authorization failed (token revoked)", new VkApiException(5, "User authorization failed", "messages.send"), DeliveryOutcome.Permanent),
        new("27 Group authorization failed", new VkApiException(27, "Group authorization failed", "messages.send"), DeliveryOutcome.Permanent),
        new("10 Internal server error", new VkApiException(10, "Internal server error", "messages.send"), DeliveryOutcome.Transient),
        new("1 Unknown error occurred", new VkApiException(1, "Unknown error occurred", "messages.send"), DeliveryOutcome.Transient),
        new("502 from a proxy (no API answer)", new HttpRequestException("Bad Gateway", null, HttpStatusCode.BadGateway), DeliveryOutcome.Transient),
        new("connection refused", new HttpRequestException("Connection refused"), DeliveryOutcome.Transient),
    ];

    private InboundSample Sample(string kind, Func<long, JsonObject> eventObject, string type = "message_new")
    {
        var user = NewUserId();
        return new InboundSample(kind, user.ToString(CultureInfo.InvariantCulture), Notification(type, eventObject(user)));
    }

    private static JsonObject Photo() => new()
    {
        ["type"] = "photo",
        ["photo"] = new JsonObject
        {
            ["id"] = 457239017, ["owner_id"] = 1, ["album_id"] = -3, ["date"] = 1_795_000_000, ["access_key"] = "ab12",
            ["sizes"] = new JsonArray(
                new JsonObject { ["type"] = "s", ["url"] = "https://sun9-1.userapi.com/s.jpg", ["width"] = 75, ["height"] = 56 },
                new JsonObject { ["type"] = "w", ["url"] = "https://sun9-1.userapi.com/w.jpg", ["width"] = 1280, ["height"] = 960 }),
        },
    };

    private static JsonObject Doc() => new()
    {
        ["type"] = "doc",
        ["doc"] = new JsonObject { ["id"] = 6, ["owner_id"] = 1, ["title"] = "invoice.pdf", ["size"] = 48211, ["ext"] = "pdf", ["url"] = "https://vk.com/doc1_6?hash=x", ["date"] = 1_795_000_000, ["type"] = 1 },
    };

    private static JsonObject Voice() => new()
    {
        ["type"] = "audio_message",
        ["audio_message"] = new JsonObject { ["id"] = 9, ["owner_id"] = 1, ["duration"] = 4, ["link_mp3"] = "https://psv4.userapi.com/v.mp3", ["link_ogg"] = "https://psv4.userapi.com/v.ogg" },
    };

    private static JsonObject Sticker() => new()
    {
        ["type"] = "sticker",
        ["sticker"] = new JsonObject
        {
            ["product_id"] = 1, ["sticker_id"] = 9,
            ["images"] = new JsonArray(new JsonObject { ["url"] = "https://vk.com/sticker/1-9-128", ["width"] = 128, ["height"] = 128 }),
        },
    };
}
