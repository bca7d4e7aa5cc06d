namespace Conversations.Persistence.Media;

/// <summary>Why the media store refused a file.</summary>
public enum MediaRefusal
{
    /// <summary>The file has no bytes.</summary>
    Empty = 1,

    /// <summary>Larger than the tenant's per-file limit.</summary>
    TooLarge = 2,

    /// <summary>The bytes are of a type the tenant does not accept.</summary>
    TypeNotAllowed = 3,

    /// <summary>The tenant's storage quota would be exceeded.</summary>
    QuotaExceeded = 4,
}
