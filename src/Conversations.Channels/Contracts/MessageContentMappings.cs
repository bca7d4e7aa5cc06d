using Conversations.Abstractions.Conversations;
using Contract = Conversations.Api.Contracts.Messages;
using Domain = Conversations.Abstractions.Messages;

namespace Conversations.Channels.Contracts;

/// <summary>
/// Message contents between the grains' records and the public HTTP contracts (the operator API and the widget's
/// visitor API both show them). The JSON of both is the same by construction: same names, same <c>type</c> values.
/// </summary>
public static class MessageContentMappings
{
    /// <summary>The contract form of <paramref name="content"/>.</summary>
    public static Contract.MessageContent ToContract(this Domain.MessageContent content) => content switch
    {
        Domain.TextContent c => new Contract.TextContent(c.Text, c.Buttons?.Select(ToContract).ToList()),
        Domain.ImageContent c => new Contract.ImageContent(c.Url, c.FileId, c.Caption, c.Buttons?.Select(ToContract).ToList(), ToContract(c.Media)),
        Domain.LinkContent c => new Contract.LinkContent(c.Url, c.Title, c.Text),
        Domain.DocumentContent c => new Contract.DocumentContent(c.FileId, c.FileName, c.MimeType, c.Caption, ToContract(c.Media)),
        Domain.ContactContent c => new Contract.ContactContent(c.PhoneNumber, c.FirstName, c.LastName, c.ExternalUserId),
        // A point stored before coordinates were checked may be off the globe (Infinity cannot even be written as JSON):
        // shown as an invalid location rather than failing the whole history or feed.
        Domain.LocationContent c when !IsOnGlobe(c) => new Contract.UnsupportedContent("invalid_location"),
        Domain.LocationContent c => new Contract.LocationContent(c.Latitude, c.Longitude),
        Domain.ButtonPressContent c => new Contract.ButtonPressContent(c.Payload, c.Label),
        Domain.UnsupportedContent c => new Contract.UnsupportedContent(c.Kind),
        Domain.EventContent c => new Contract.EventContent((Api.Contracts.Conversations.ConversationEventKind)c.Event, c.Detail, c.OperatorId),
        Domain.NotificationContent c => new Contract.NotificationContent(c.Event, c.Subject, c.Body, c.Json),
        Domain.TemplateContent c => new Contract.TemplateContent(c.Name, c.Language, [.. c.Parameters], c.Preview, c.ParameterNames is null ? null : [.. c.ParameterNames]),
        _ => throw new ArgumentOutOfRangeException(nameof(content), content.GetType().Name, "A message content kind without a contract."),
    };

    /// <summary>The record form of a content sent to the API.</summary>
    public static Domain.MessageContent ToDomain(this Contract.MessageContent content) => content switch
    {
        Contract.TextContent c => new Domain.TextContent(c.Text, c.Buttons?.Select(ToDomain).ToList()),
        Contract.ImageContent c => new Domain.ImageContent(c.Url, c.FileId, c.Caption, c.Buttons?.Select(ToDomain).ToList(), ToDomain(c.Media)),
        Contract.LinkContent c => new Domain.LinkContent(c.Url, c.Title, c.Text),
        Contract.DocumentContent c => new Domain.DocumentContent(c.FileId, c.FileName, c.MimeType, c.Caption, ToDomain(c.Media)),
        Contract.ContactContent c => new Domain.ContactContent(c.PhoneNumber, c.FirstName, c.LastName, c.ExternalUserId),
        Contract.LocationContent c => new Domain.LocationContent(c.Latitude, c.Longitude),
        Contract.ButtonPressContent c => new Domain.ButtonPressContent(c.Payload, c.Label),
        Contract.UnsupportedContent c => new Domain.UnsupportedContent(c.Kind),
        Contract.EventContent c => new Domain.EventContent((ConversationEventKind)c.Event, c.Detail, c.OperatorId),
        Contract.NotificationContent c => new Domain.NotificationContent(c.Event, c.Subject, c.Body, c.Json),
        Contract.TemplateContent c => new Domain.TemplateContent(c.Name, c.Language, [.. c.Parameters ?? []], c.Preview ?? "", c.ParameterNames is null ? null : [.. c.ParameterNames]),
        _ => throw new ArgumentOutOfRangeException(nameof(content), content.GetType().Name, "A message content kind without a record."),
    };

    private static Contract.MediaAttachment? ToContract(Domain.MediaAttachment? media) =>
        media is null ? null : new Contract.MediaAttachment(media.MediaId, media.ContentType, media.Size, media.Problem);

    // A media id from a client is only a reference: every read of the store is scoped to the caller's tenant, so an id
    // of another tenant's file finds nothing.
    private static Domain.MediaAttachment? ToDomain(Contract.MediaAttachment? media) =>
        media is null ? null : new Domain.MediaAttachment(media.MediaId, media.ContentType, media.Size, media.Problem);

    private static bool IsOnGlobe(Domain.LocationContent location) =>
        location.Latitude is >= -90 and <= 90 && location.Longitude is >= -180 and <= 180;

    /// <summary>The contract form of a button.</summary>
    public static Contract.Button ToContract(this Domain.Button button) => new(button.Label, button.Payload, button.Url);

    /// <summary>The record form of a button.</summary>
    public static Domain.Button ToDomain(this Contract.Button button) => new(button.Label, button.Payload, button.Url);
}
