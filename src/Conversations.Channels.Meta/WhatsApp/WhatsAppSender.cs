using System.Text.Json;
using System.Text.Json.Nodes;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Tenants;
using Conversations.Channels.Accounts;
using Conversations.Channels.Delivery;
using Conversations.Channels.Meta.Graph;
using Conversations.Channels.Rendering;
using Conversations.Persistence.Media;

namespace Conversations.Channels.Meta.WhatsApp;

/// <summary>
/// Sends outbound messages with the Cloud API (<c>POST /{phone-number-id}/messages</c>,
/// developers.facebook.com/documentation/business-messaging/whatsapp/messages): text, images by URL, a link as a
/// <c>cta_url</c> button, and menus within WhatsApp's limits: up to 3 reply buttons, else a list of up to 10 rows, else
/// numbered text (<see cref="MenuRenderer"/>), never a cut payload or a dropped option. Every request carries our message
/// id in <c>biz_opaque_callback_data</c>, which comes back in the status webhooks. Failures are classified by
/// <see cref="WhatsAppSendErrorClassifier"/>.
/// </summary>
public sealed class WhatsAppSender(GraphClient graph, WhatsAppSendErrorClassifier errors, IGrainFactory grains, TimeProvider time,
    ChannelAccountDisabler disabler, IMediaStore media) : IChannelSender
{
    /// <summary>Interactive message body limit (reply buttons, cta_url): 1024 characters.</summary>
    internal const int InteractiveBodyLength = 1024;

    /// <summary>List messages (interactive-list-messages): at most 10 rows; row title 24, row id 200, description 72, button 20 characters.</summary>
    internal const int ListRows = 10;

    internal const int ListRowTitleLength = 24;

    internal const int ListRowIdLength = 200;

    internal const int ListRowDescriptionLength = 72;

    internal const int ListButtonLength = 20;

    /// <summary>Caption limit of media messages: 1024 characters.</summary>
    internal const int CaptionLength = 1024;

    /// <inheritdoc />
    public ChannelKind Kind => ChannelKind.WhatsApp;

    /// <inheritdoc />
    public async Task<DeliveryResult> SendAsync(ChannelAccount account, OutboundMessage message, CancellationToken cancellationToken)
    {
        var token = account.Credential ?? throw new InvalidOperationException($"{account} has no access token.");
        try
        {
            var requests = await RequestsAsync(account, message, cancellationToken);
            string? last = null;
            foreach (var request in requests)
            {
                request["messaging_product"] = "whatsapp";
                request["recipient_type"] = "individual";
                request["to"] = message.To.ChatId;
                request["biz_opaque_callback_data"] = message.MessageId.ToString();
                var answer = await graph.PostAsync($"{Uri.EscapeDataString(account.Key.Account)}/messages", token, request, cancellationToken);
                last = MessageIdOf(answer) ?? last;
            }

            return DeliveryResult.Sent(last);
        }
        catch (MetaUploadRefusedException refused)
        {
            return DeliveryResult.Permanent(refused.Message);
        }
        catch (Exception ex) when (errors.Classify(ex) is { } failure)
        {
            if (ex is GraphApiException { Error: var outside } && GraphErrors.IsOutsideWindow(outside))
            {
                // Meta knows better than our clock: the window is closed in our state too, so operators are asked for a template.
                await GrainCalls.RetryAsync(() => grains.GetGrain<IConversationGrain>(new ConversationKey(message.TenantId, message.ConversationId).ToGrainKey())
                    .CloseMessagingWindowAsync(ChannelKind.WhatsApp, time.GetUtcNow()), cancellationToken: cancellationToken);
            }

            if (ex is GraphApiException { Error: var refused } && GraphErrors.IsDeadToken(refused))
            {
                await disabler.DisableAsync(account, GraphErrors.Refusal(refused));
            }

            // WhatsApp's pair rate limit (131056) asks for 4^X seconds after the X-th refusal in a row; the whole pair
            // waits, not only this message (the dispatcher holds the recipient's shared pace off as long).
            return ex is GraphApiException { Error.Code: 131056 }
                ? failure with { RetryAfter = TimeSpan.FromSeconds(Math.Pow(4, Math.Clamp(message.Attempt, 1, 5))), RecipientPaced = true }
                : failure;
        }
    }

    /// <summary>The Cloud API requests that carry <paramref name="message"/>, in order (without the common fields).</summary>
    internal async Task<IReadOnlyList<JsonObject>> RequestsAsync(ChannelAccount account, OutboundMessage message, CancellationToken cancellationToken)
    {
        var channel = ChannelCatalog.For(ChannelKind.WhatsApp);
        return message.Content switch
        {
            TextContent text => await TextRequestsAsync(account, text, channel),
            ImageContent { Url: { } url } image => [ImageRequest(url, image, channel)],
            _ when MetaUpload.MediaIdOf(message.Content) is not null => [await UploadedRequestAsync(account, message, cancellationToken)],
            LinkContent link => [LinkRequest(link.Text ?? link.Title, link.Title, link.Url)],
            TemplateContent template => [TemplateRequest(template)],
            _ => [.. TextSplitter.Split(message.Content.ToPlainText() is { Length: > 0 } plain ? plain : "…", channel.MaxTextLength).Select(TextRequest)],
        };
    }

    private async Task<IReadOnlyList<JsonObject>> TextRequestsAsync(ChannelAccount account, TextContent text, ChannelCapabilities channel)
    {
        var body = string.IsNullOrWhiteSpace(text.Text) ? "…" : text.Text;
        if (text.Buttons is not { Count: > 0 } buttons)
        {
            return [.. TextSplitter.Split(body, channel.MaxTextLength).Select(TextRequest)];
        }

        if (channel.FitsAsButtons(buttons))
        {
            // Reply buttons: interactive bodies hold 1024 characters, so a longer text goes first as plain messages.
            var parts = TextSplitter.Split(body, InteractiveBodyLength);
            return [.. parts.SkipLast(1).Select(TextRequest), ButtonsRequest(parts[^1], buttons, channel)];
        }

        if (buttons is [{ Url: { } url } link])
        {
            var parts = TextSplitter.Split(body, InteractiveBodyLength);
            return [.. parts.SkipLast(1).Select(TextRequest), LinkRequest(parts[^1], link.Label, url)];
        }

        if (buttons.Count <= ListRows && buttons.All(b => b.Url is null && (b.Payload ?? b.Label) is { Length: > 0 and <= ListRowIdLength }))
        {
            var settings = await grains.GetGrain<ITenantGrain>(account.TenantId).GetSettingsAsync();
            var parts = TextSplitter.Split(body, channel.MaxTextLength);
            return [.. parts.SkipLast(1).Select(TextRequest), ListRequest(parts[^1], buttons, Cut(settings.Text(TenantTexts.MenuListButton), ListButtonLength))];
        }

        var fitted = MenuRenderer.Fit(text, channel);
        return [.. TextSplitter.Split(fitted.Text, channel.MaxTextLength).Select(TextRequest)];
    }

    /// <summary>
    /// A template message (developers.facebook.com/documentation/business-messaging/whatsapp/templates): name, language
    /// with the deterministic policy, and the body's values as text parameters (named ones with <c>parameter_name</c>).
    /// </summary>
    private static JsonObject TemplateRequest(TemplateContent template)
    {
        var body = new JsonObject
        {
            ["name"] = template.Name,
            ["language"] = new JsonObject { ["policy"] = "deterministic", ["code"] = template.Language },
        };
        if (template.Parameters.Count > 0)
        {
            body["components"] = new JsonArray(new JsonObject
            {
                ["type"] = "body",
                ["parameters"] = new JsonArray([.. template.Parameters.Select((value, i) =>
                {
                    var parameter = new JsonObject { ["type"] = "text" };
                    if (template.ParameterNames is { } names && i < names.Count)
                    {
                        parameter["parameter_name"] = names[i];
                    }

                    parameter["text"] = value;
                    return (JsonNode)parameter;
                })]),
            });
        }

        return new JsonObject { ["type"] = "template", ["template"] = body };
    }

    private static JsonObject TextRequest(string body) => new()
    {
        ["type"] = "text",
        ["text"] = new JsonObject { ["body"] = body, ["preview_url"] = false },
    };

    private static JsonObject ButtonsRequest(string body, IReadOnlyList<Button> buttons, ChannelCapabilities channel) => new()
    {
        ["type"] = "interactive",
        ["interactive"] = new JsonObject
        {
            ["type"] = "button",
            ["body"] = new JsonObject { ["text"] = body },
            ["action"] = new JsonObject
            {
                ["buttons"] = new JsonArray([.. buttons.Select(b => (JsonNode)new JsonObject
                {
                    ["type"] = "reply",
                    ["reply"] = new JsonObject { ["id"] = b.Payload ?? b.Label, ["title"] = channel.ButtonLabel(b.Label) },
                })]),
            },
        },
    };

    private static JsonObject ListRequest(string body, IReadOnlyList<Button> buttons, string buttonLabel) => new()
    {
        ["type"] = "interactive",
        ["interactive"] = new JsonObject
        {
            ["type"] = "list",
            ["body"] = new JsonObject { ["text"] = body },
            ["action"] = new JsonObject
            {
                ["button"] = buttonLabel,
                ["sections"] = new JsonArray(new JsonObject
                {
                    ["rows"] = new JsonArray([.. buttons.Select(b =>
                    {
                        var row = new JsonObject { ["id"] = b.Payload ?? b.Label, ["title"] = Cut(b.Label, ListRowTitleLength) };
                        if (b.Label.Length > ListRowTitleLength)
                        {
                            row["description"] = Cut(b.Label, ListRowDescriptionLength); // the whole label, where the title had to be cut
                        }

                        return (JsonNode)row;
                    })]),
                }),
            },
        },
    };

    private static JsonObject LinkRequest(string body, string label, string url) => new()
    {
        ["type"] = "interactive",
        ["interactive"] = new JsonObject
        {
            ["type"] = "cta_url",
            ["body"] = new JsonObject { ["text"] = Cut(string.IsNullOrWhiteSpace(body) ? label : body, InteractiveBodyLength) },
            ["action"] = new JsonObject
            {
                ["name"] = "cta_url",
                ["parameters"] = new JsonObject { ["display_text"] = Cut(label, 20), ["url"] = url },
            },
        },
    };

    /// <summary>
    /// An operator's stored file: uploaded with <c>POST /{phone-number-id}/media</c> (multipart: <c>messaging_product</c>,
    /// <c>file</c>, <c>type</c>; developers.facebook.com/docs/whatsapp/cloud-api/reference/media#upload-media), then sent
    /// by the returned id as an <c>image</c> or a <c>document</c> with its <c>filename</c>.
    /// </summary>
    private async Task<JsonObject> UploadedRequestAsync(ChannelAccount account, OutboundMessage message, CancellationToken cancellationToken)
    {
        var upload = await MetaUpload.ReadAsync(media, ChannelKind.WhatsApp, message.TenantId, message.Content, cancellationToken);
        using var form = new MultipartFormDataContent
        {
            { new StringContent("whatsapp"), "messaging_product" },
            { new StringContent(upload.Media.ContentType), "type" },
        };
        upload.AddTo(form, "file");
        var answer = await graph.PostMultipartAsync($"{Uri.EscapeDataString(account.Key.Account)}/media", account.Credential!, form, cancellationToken);
        var id = answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("id", out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new HttpRequestException("The Graph API answered the media upload without an id.");
        var file = new JsonObject { ["id"] = id };
        if (upload.Caption is { } caption)
        {
            file["caption"] = Cut(caption, CaptionLength);
        }

        if (upload.Type == "document")
        {
            file["filename"] = upload.FileName;
        }

        return new JsonObject { ["type"] = upload.Type, [upload.Type] = file };
    }

    private static JsonObject ImageRequest(string url, ImageContent image, ChannelCapabilities channel)
    {
        // A menu under an image goes into the caption as numbered lines: media messages carry no buttons.
        var caption = image.Buttons is { Count: > 0 } ? MenuRenderer.Fit(new TextContent(image.Caption ?? "", image.Buttons), new ChannelCapabilities(
            ChannelKind.WhatsApp, CaptionLength, 0, 0, true, false, channel.Window)).Text : image.Caption;
        var media = new JsonObject { ["link"] = url };
        if (!string.IsNullOrEmpty(caption))
        {
            media["caption"] = Cut(caption, CaptionLength);
        }

        return new JsonObject { ["type"] = "image", ["image"] = media };
    }

    private static string? MessageIdOf(JsonElement answer) =>
        answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array
        && messages.GetArrayLength() > 0 && messages[0].ValueKind == JsonValueKind.Object && messages[0].TryGetProperty("id", out var id)
        && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;

    private static string Cut(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, char.IsHighSurrogate(text[max - 2]) ? max - 2 : max - 1), "…");
}
