namespace Conversations.Client.Models;

/// <summary>Something the platform does not handle (a sticker, a voice note...), kept with its kind.</summary>
public sealed record UnsupportedContent(string Kind) : MessageContent;
