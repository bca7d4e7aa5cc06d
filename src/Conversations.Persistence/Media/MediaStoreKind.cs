namespace Conversations.Persistence.Media;

/// <summary>Where the durable media store keeps files' bytes (<c>Conversations:Media:Store</c>).</summary>
public enum MediaStoreKind
{
    /// <summary>In the <c>media</c> table of PostgreSQL, next to their metadata (the default: no other service).</summary>
    PostgreSql,

    /// <summary>In an S3-compatible bucket (<c>Conversations:Media:S3</c>); the metadata stays in PostgreSQL.</summary>
    S3,
}
