namespace Conversations.Persistence.Conversations;

/// <summary>A message with this dedup key is already stored; nothing of the commit was written.</summary>
public sealed class DuplicateMessageException(string dedupKey)
    : Exception($"A message with dedup key '{dedupKey}' is already stored.")
{
    /// <summary>The key that was already stored.</summary>
    public string DedupKey { get; } = dedupKey;
}
