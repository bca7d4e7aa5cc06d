using Conversations.Channels.Delivery;

namespace Conversations.Testing.Channels;

/// <summary>An error a platform's send API documents, as the client library throws it, and the outcome it must mean.</summary>
/// <param name="Description">The documented error ("429 Too Many Requests with retry_after").</param>
/// <param name="Error">The exception the channel's client throws for it.</param>
/// <param name="Expected">The delivery outcome it must be classified as.</param>
public sealed record SendErrorCase(string Description, Exception Error, DeliveryOutcome Expected)
{
    /// <inheritdoc />
    public override string ToString() => Description;
}
