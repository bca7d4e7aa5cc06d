namespace Conversations.Channels.Email;

/// <summary>An attachment of a mail's original.</summary>
/// <param name="FileName">Its name, when it has one.</param>
/// <param name="ContentType">Its declared type.</param>
public sealed record EmailOriginalAttachment(string? FileName, string ContentType);
