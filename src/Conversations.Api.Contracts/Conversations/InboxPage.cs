namespace Conversations.Api.Contracts.Conversations;

/// <summary>A page of the inbox; pass <see cref="NextCursor"/> as <c>cursor</c> for the next one.</summary>
public sealed record InboxPage(IReadOnlyList<InboxItem> Items, string? NextCursor);
