namespace Conversations.Api.Contracts.Widget;

/// <summary>The visitor's session.</summary>
/// <param name="Token">Keep it; send it as <c>Authorization: Bearer</c> (or <c>?token=</c> for the event stream).</param>
/// <param name="VisitorId">The visitor.</param>
/// <param name="Title">The widget's title.</param>
/// <param name="Texts">The tenant's texts the widget shows itself (e.g. <c>widget.slowDown</c> while it waits to resend), by key.</param>
/// <param name="ContinueIn">The messengers the visitor can continue in (<c>POST …/continue-links</c> gives their links); empty when none: the widget then offers no "continue in a messenger" button.</param>
/// <param name="Appearance">The widget's title, accent colour, greeting and position as its admin set them (<c>PUT /api/v1/admin/channels/widgets/{key}/appearance</c>).</param>
public sealed record WidgetSessionResponse(string Token, Guid VisitorId, string Title, IReadOnlyDictionary<string, string> Texts,
    IReadOnlyList<Channels.ChannelKind>? ContinueIn = null, Channels.WidgetAppearance? Appearance = null);
