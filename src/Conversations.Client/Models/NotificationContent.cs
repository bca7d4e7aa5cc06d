namespace Conversations.Client.Models;

/// <summary>A notification to the business (not to a customer), by e-mail or webhook.</summary>
public sealed record NotificationContent(string Event, string Subject, string Body, string Json) : MessageContent
{
    /// <inheritdoc />
    public override string ToPlainText() => Subject;
}
