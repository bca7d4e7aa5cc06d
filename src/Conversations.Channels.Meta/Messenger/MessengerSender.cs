using System.Text.Json;
using System.Text.Json.Nodes;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Channels.Accounts;
using Conversations.Channels.Delivery;
using Conversations.Channels.Meta.Graph;
using Conversations.Channels.Rendering;
using Conversations.Persistence.Media;

namespace Conversations.Channels.Meta.Messenger;

/// <summary>
/// Sends with the Send API (<c>POST /me/messages</c> with the Page token; developers.facebook.com/docs/messenger-platform/reference/send-api)
/// for Messenger or Instagram: text split at the channel's limit, menus as up to 13 quick replies (titles ≤ 20) or else
/// numbered text, images by URL, a link as a button template on Messenger and as a "title: URL" line on Instagram.
/// Messages go as <c>messaging_type: RESPONSE</c>, or as <c>MESSAGE_TAG</c> with the tag the conversation chose: an
/// operator's reply after the 24-hour standard window goes tagged <c>HUMAN_AGENT</c> (up to 7 days), a bot's never is;
/// a message the business started (<c>POST /api/v1/messages</c>) outside the window goes under the tag its purpose allows.
/// </summary>
/// <param name="kind">Messenger or Instagram.</param>
/// <param name="graph">The Graph client.</param>
/// <param name="errors">The classifier of <paramref name="kind"/>.</param>
/// <param name="disabler">Turns the Page or account off when Meta refuses its token for good (Graph errors 190, 102).</param>
/// <param name="media">The media store, for operators' uploaded files (sent as multipart <c>filedata</c>).</param>
public sealed class MessengerSender(ChannelKind kind, GraphClient graph, MessengerSendErrorClassifier errors, ChannelAccountDisabler disabler,
    IMediaStore? media = null) : IChannelSender
{
    /// <summary>Button template text limit (640 characters).</summary>
    internal const int ButtonTemplateTextLength = 640;

    /// <inheritdoc />
    public ChannelKind Kind => kind;

    /// <inheritdoc />
    public async Task<DeliveryResult> SendAsync(ChannelAccount account, OutboundMessage message, CancellationToken cancellationToken)
    {
        var token = account.Credential ?? throw new InvalidOperationException($"{account} has no access token.");
        try
        {
            string? last = null;
            IReadOnlyList<JsonObject> messages;
            if (MetaUpload.MediaIdOf(message.Content) is not null && media is not null)
            {
                var upload = await MetaUpload.ReadAsync(media, kind, message.TenantId, message.Content, cancellationToken);
                last = MessageIdOf(await SendUploadAsync(message, upload, token, cancellationToken));
                // Attachments carry no caption on Messenger or Instagram: the words follow as text.
                messages = upload.Caption is { } caption ? Messages(new TextContent(caption)) : [];
            }
            else
            {
                messages = Messages(message.Content);
            }

            foreach (var body in messages)
            {
                var request = Envelope(message);
                request["message"] = body;
                last = MessageIdOf(await graph.PostAsync("me/messages", token, request, cancellationToken)) ?? last;
            }

            return DeliveryResult.Sent(last);
        }
        catch (MetaUploadRefusedException refused)
        {
            return DeliveryResult.Permanent(refused.Message);
        }
        catch (Exception ex) when (errors.Classify(ex) is { } failure)
        {
            if (ex is GraphApiException { Error: var refused } && GraphErrors.IsDeadToken(refused))
            {
                await disabler.DisableAsync(account, GraphErrors.Refusal(refused));
            }

            return failure;
        }
    }

    /// <summary>
    /// Uploads and sends an operator's stored file in one Send API call, as form data with the bytes in <c>filedata</c>
    /// (developers.facebook.com/docs/messenger-platform/send-messages/saving-assets; Instagram documents the same upload,
    /// developers.facebook.com/docs/messenger-platform/instagram/features/attachment-upload).
    /// </summary>
    private async Task<JsonElement> SendUploadAsync(OutboundMessage message, MetaUpload upload, string token, CancellationToken cancellationToken)
    {
        var envelope = Envelope(message);
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in envelope)
        {
            form.Add(new StringContent(value is JsonValue text && text.TryGetValue<string>(out var s) ? s : value!.ToJsonString()), name);
        }

        var attachment = new JsonObject
        {
            ["attachment"] = new JsonObject { ["type"] = upload.Type, ["payload"] = new JsonObject { ["is_reusable"] = false } },
        };
        form.Add(new StringContent(attachment.ToJsonString()), "message");
        upload.AddTo(form, "filedata");
        return await graph.PostMultipartAsync("me/messages", token, form, cancellationToken);
    }

    /// <summary>The recipient and how the message goes (<c>RESPONSE</c>, or <c>MESSAGE_TAG</c> with the conversation's tag).</summary>
    private static JsonObject Envelope(OutboundMessage message)
    {
        var request = new JsonObject
        {
            ["recipient"] = new JsonObject { ["id"] = message.To.ChatId },
            ["messaging_type"] = "RESPONSE",
        };
        if (message.MessageTag is { } tag)
        {
            request["messaging_type"] = "MESSAGE_TAG";
            request["tag"] = tag;
        }

        return request;
    }

    private static string? MessageIdOf(JsonElement answer) =>
        answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("message_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    /// <summary>The Send API <c>message</c> objects that carry <paramref name="content"/>, in order.</summary>
    internal IReadOnlyList<JsonObject> Messages(MessageContent content)
    {
        var channel = ChannelCatalog.For(kind);
        switch (content)
        {
            case TextContent text:
                var fitted = MenuRenderer.Fit(text, channel);
                var parts = TextSplitter.Split(fitted.Text, channel.MaxTextLength);
                var messages = parts.Select(p => new JsonObject { ["text"] = p }).ToList();
                if (fitted.Buttons is { Count: > 0 } buttons)
                {
                    messages[^1]["quick_replies"] = new JsonArray([.. buttons.Select(b => (JsonNode)new JsonObject
                    {
                        ["content_type"] = "text",
                        ["title"] = b.Label,
                        ["payload"] = b.Payload ?? b.Label,
                    })]);
                }

                return messages;
            case ImageContent { Url: { } url } image:
                var attachment = new JsonObject { ["attachment"] = new JsonObject { ["type"] = "image", ["payload"] = new JsonObject { ["url"] = url, ["is_reusable"] = true } } };
                return string.IsNullOrEmpty(image.Caption) ? [attachment] : [attachment, .. Messages(new TextContent(image.Caption, image.Buttons))];
            case LinkContent link when kind == ChannelKind.Messenger:
                return [new JsonObject
                {
                    ["attachment"] = new JsonObject
                    {
                        ["type"] = "template",
                        ["payload"] = new JsonObject
                        {
                            ["template_type"] = "button",
                            ["text"] = Cut(link.Text ?? link.Title, ButtonTemplateTextLength),
                            ["buttons"] = new JsonArray(new JsonObject { ["type"] = "web_url", ["url"] = link.Url, ["title"] = Cut(link.Title, 20) }),
                        },
                    },
                }];
            case LinkContent link:
                return Messages(new TextContent($"{link.Text ?? ""}\n{link.Title}: {link.Url}".Trim()));
            default:
                return Messages(new TextContent(content.ToPlainText()));
        }
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
