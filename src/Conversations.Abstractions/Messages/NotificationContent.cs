namespace Conversations.Abstractions.Messages;

/// <summary>
/// A notification to the business (not to a customer), delivered through the outbox by e-mail or signed webhook.
/// </summary>
/// <param name="Event">What happened, e.g. "operator_requested".</param>
/// <param name="Subject">E-mail subject.</param>
/// <param name="Body">Plain-text body for people.</param>
/// <param name="Json">The webhook's JSON body.</param>
[GenerateSerializer, Immutable, Alias("conv.NotificationContent")]
public sealed record NotificationContent(
    [property: Id(0)] string Event,
    [property: Id(1)] string Subject,
    [property: Id(2)] string Body,
    [property: Id(3)] string Json) : MessageContent
{
    /// <inheritdoc />
    public override string ToPlainText() => Subject;
}
