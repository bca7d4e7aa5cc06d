using Conversations.Api.Contracts.Widget;
using Conversations.Channels.Media;
using ContractDocument = Conversations.Api.Contracts.Messages.DocumentContent;
using ContractImage = Conversations.Api.Contracts.Messages.ImageContent;

namespace Conversations.Channels.Widget;

/// <summary>
/// Gives a file we keep (an operator's upload, the visitor's own) a link the visitor's browser can load: the widget has
/// no operator login, so the link is a short-lived signed one (<see cref="MediaLinkSigner"/>), relative to this server
/// (the widget script prefixes its own origin). A visitor who reloads later gets a fresh link with the history.
/// </summary>
public sealed class WidgetMediaLinks(MediaLinkSigner signer, TimeProvider time)
{
    /// <summary>
    /// <paramref name="message"/> with <see cref="WidgetMessage.MediaUrl"/> set when it carries a kept image or
    /// document (and the image's own URL, when it has none, set to the same link); otherwise unchanged.
    /// </summary>
    public async Task<WidgetMessage> LinkAsync(WidgetMessage message, Guid tenantId)
    {
        var stored = message.Content switch
        {
            ContractImage { Media: { MediaId: { } id, Problem: null } } => id,
            ContractDocument { Media: { MediaId: { } id, Problem: null } } => id,
            _ => (Guid?)null,
        };
        if (stored is not { } mediaId)
        {
            return message;
        }

        var url = await signer.SignAsync(tenantId, mediaId, time.GetUtcNow() + MediaLinkSigner.Lifetime);
        return message.Content is ContractImage { Url: null } image
            ? message with { Content = image with { Url = url }, MediaUrl = url }
            : message with { MediaUrl = url };
    }
}
