namespace Conversations.Client.Models;

/// <summary>A page of the inbox; pass <see cref="NextCursor"/> as the cursor for the next one (null: this was the last).</summary>
public sealed record InboxPage(IReadOnlyList<InboxItem> Items, string? NextCursor);
