namespace Conversations.Api.Contracts.Messages;

/// <summary>A contact card the customer shared (their own phone number, usually).</summary>
public sealed record ContactContent(
    string PhoneNumber,
    string? FirstName,
    string? LastName,
    string? ExternalUserId) : MessageContent
{
    /// <inheritdoc />
    public override string ToPlainText() => string.Join(' ', new[] { FirstName, LastName, PhoneNumber }.Where(s => !string.IsNullOrEmpty(s)));
}
