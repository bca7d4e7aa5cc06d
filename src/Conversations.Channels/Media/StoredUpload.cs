using Conversations.Abstractions.Messages;

namespace Conversations.Channels.Media;

/// <summary>Recognises an operator's stored upload among outbound contents: the file a sender takes from our media store.</summary>
public static class StoredUpload
{
    /// <summary>The stored file <paramref name="content"/> carries when it is an upload (an image or document with no URL or file id of the channel's), or null.</summary>
    public static Guid? IdOf(MessageContent content) => content switch
    {
        ImageContent { Media.MediaId: { } id, Url: null, FileId: null } => id,
        DocumentContent { Media.MediaId: { } id, FileId.Length: 0 } => id,
        _ => null,
    };
}
