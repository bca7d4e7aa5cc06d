namespace Conversations.Persistence.Queries;

/// <summary>Where a page of <see cref="IReadModels.ChangedSinceAsync"/> ended: the last row's activity and id.</summary>
public sealed record ChangedCursor(DateTimeOffset LastActivityAt, Guid ConversationId)
{
    /// <summary>The cursor after <paramref name="row"/>.</summary>
    public static ChangedCursor After(Conversations.ConversationRecord row) => new(row.LastActivityAt, row.ConversationId);
}
