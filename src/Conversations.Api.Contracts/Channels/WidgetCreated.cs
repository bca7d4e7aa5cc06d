namespace Conversations.Api.Contracts.Channels;

/// <summary>A created widget and the tag that embeds it.</summary>
/// <param name="Account">The widget account.</param>
/// <param name="Snippet">The script tag to paste into the business's site (replace the host).</param>
public sealed record WidgetCreated(ChannelAccount Account, string Snippet);
