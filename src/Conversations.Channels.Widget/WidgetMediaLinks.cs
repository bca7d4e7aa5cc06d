using Conversations.Api.Contracts.Widget;
using Conversations.Channels.Media;
using ContractImage = Conversations.Api.Contracts.Messages.ImageContent;

namespace Conversations.Channels.Widget;

/// <summary>
/// Gives an image we keep (an operator's upload) a link the visitor's browser can load: the widget has no operator
/// login, so the link is a short-lived signed one (<see cref="MediaLinkSigner"/>), relative to this server (the widget
/// script prefixes its own origin). A visitor who reloads later gets a fresh link with the history.
/// </summary>
public sealed class WidgetMediaLinks(MediaLinkSigner signer, TimeProvider time)
{
    /// <summary><paramref name="message"/> with a signed link on a kept image that has no URL of its own; otherwise unchanged.</summary>
    public async Task<WidgetMessage> LinkAsync(WidgetMessage message, Guid tenantId)
    {
        if (message.Content is ContractImage { Url: null, Media: { MediaId: { } mediaId, Problem: null } } image)
        {
            var url = await signer.SignAsync(tenantId, mediaId, time.GetUtcNow() + MediaLinkSigner.Lifetime);
            return message with { Content = image with { Url = url } };
        }

        return message;
    }
}
