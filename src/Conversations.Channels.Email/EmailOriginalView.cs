namespace Conversations.Channels.Email;

/// <summary>A mail's original as the console shows it (<see cref="EmailOriginalRenderer"/>).</summary>
/// <param name="Subject">The subject, decoded.</param>
/// <param name="From">The From header, decoded.</param>
/// <param name="To">The To header, decoded.</param>
/// <param name="Cc">The Cc header, decoded (empty when none).</param>
/// <param name="Date">The Date header, when it has one.</param>
/// <param name="Html">The HTML body sanitised (no scripts, forms or active content; remote images left out unless asked), or null when the mail has none.</param>
/// <param name="Text">The text/plain body, or null when the mail has none.</param>
/// <param name="RemoteImages">How many remote images (and CSS backgrounds) the HTML refers to.</param>
/// <param name="RemoteImagesShown">True when they were left in (the operator asked).</param>
/// <param name="Attachments">The mail's attachments by name and type.</param>
public sealed record EmailOriginalView(
    string Subject, string From, string To, string Cc, DateTimeOffset? Date, string? Html, string? Text, int RemoteImages, bool RemoteImagesShown,
    IReadOnlyList<EmailOriginalAttachment> Attachments);
