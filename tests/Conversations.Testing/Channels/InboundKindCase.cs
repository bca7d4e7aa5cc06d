namespace Conversations.Testing.Channels;

/// <summary>An inbound kind a channel supports and the contract content it must be stored as.</summary>
/// <param name="Sample">A call carrying it.</param>
/// <param name="StoredAs">The <see cref="Conversations.Abstractions.Messages.MessageContent"/> type it must become.</param>
public sealed record InboundKindCase(InboundSample Sample, Type StoredAs)
{
    /// <inheritdoc />
    public override string ToString() => $"{Sample.Kind} → {StoredAs.Name}";
}
