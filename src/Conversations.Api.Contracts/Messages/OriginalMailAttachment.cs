namespace Conversations.Api.Contracts.Messages;

/// <summary>An attachment named in a mail's original.</summary>
/// <param name="FileName">Its name, when it has one.</param>
/// <param name="ContentType">Its declared type.</param>
public sealed record OriginalMailAttachment(string? FileName, string ContentType);
