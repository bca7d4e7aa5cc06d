namespace Conversations.Client.Models;

/// <summary>A contact card the customer shared.</summary>
public sealed record ContactContent(string PhoneNumber, string? FirstName, string? LastName, string? ExternalUserId) : MessageContent
{
    /// <inheritdoc />
    public override string ToPlainText() => string.Join(' ', new[] { FirstName, LastName, PhoneNumber }.Where(s => !string.IsNullOrEmpty(s)));
}
