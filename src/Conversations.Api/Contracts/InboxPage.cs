namespace Conversations.Api.Contracts;

/// <summary>A page of the inbox; pass <see cref="NextCursor"/> as <c>cursor</c> for the next one.</summary>
public sealed record InboxPage(IReadOnlyList<InboxItem> Items, string? NextCursor);
