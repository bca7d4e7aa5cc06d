namespace Conversations.Abstractions.Channels;

/// <summary>A kind of file a channel can carry, each with its own size limit on most platforms.</summary>
public enum MediaKind
{
    /// <summary>A picture (JPEG, PNG).</summary>
    Image = 1,

    /// <summary>A video clip.</summary>
    Video = 2,

    /// <summary>A sound recording or voice note.</summary>
    Audio = 3,

    /// <summary>Any other file (PDF, office documents).</summary>
    Document = 4,
}
