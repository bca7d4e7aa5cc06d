namespace Conversations.Channels.Email;

/// <summary>A file attached to a reply: an operator's upload from the media store.</summary>
/// <param name="FileName">The name it is attached under (with an extension).</param>
/// <param name="ContentType">Its type as told from its bytes.</param>
/// <param name="Bytes">Its bytes.</param>
internal sealed record EmailAttachment(string FileName, string ContentType, byte[] Bytes);
