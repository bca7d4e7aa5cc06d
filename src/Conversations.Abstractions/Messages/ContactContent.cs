namespace Conversations.Abstractions.Messages;

/// <summary>A contact card the customer shared (their own phone number, usually).</summary>
[GenerateSerializer, Immutable, Alias("conv.ContactContent")]
public sealed record ContactContent(
    [property: Id(0)] string PhoneNumber,
    [property: Id(1)] string? FirstName,
    [property: Id(2)] string? LastName,
    [property: Id(3)] string? ExternalUserId) : MessageContent
{
    /// <inheritdoc />
    public override string ToPlainText() => string.Join(' ', new[] { FirstName, LastName, PhoneNumber }.Where(s => !string.IsNullOrEmpty(s)));
}
