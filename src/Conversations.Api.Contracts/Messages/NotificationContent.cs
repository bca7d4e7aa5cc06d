namespace Conversations.Api.Contracts.Messages;

/// <summary>
/// A notification to the business (not to a customer), delivered through the outbox by e-mail or signed webhook.
/// </summary>
/// <param name="Event">What happened, e.g. "operator_requested".</param>
/// <param name="Subject">E-mail subject.</param>
/// <param name="Body">Plain-text body for people.</param>
/// <param name="Json">The webhook's JSON body.</param>
public sealed record NotificationContent(
    string Event,
    string Subject,
    string Body,
    string Json) : MessageContent
{
    /// <inheritdoc />
    public override string ToPlainText() => Subject;
}
