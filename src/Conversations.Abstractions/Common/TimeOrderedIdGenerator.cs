namespace Conversations.Abstractions.Common;

/// <summary>Version-7 GUIDs: unique, and ordered by the injected clock so database indexes stay compact.</summary>
public sealed class TimeOrderedIdGenerator(TimeProvider time) : IIdGenerator
{
    /// <inheritdoc />
    public Guid NewId() => Guid.CreateVersion7(time.GetUtcNow());
}
