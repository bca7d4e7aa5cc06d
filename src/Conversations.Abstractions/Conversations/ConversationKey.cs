namespace Conversations.Abstractions.Conversations;

/// <summary>Identifies a conversation grain: the tenant and the conversation id, so tenants never collide.</summary>
[GenerateSerializer, Immutable, Alias("conv.ConversationKey")]
public readonly record struct ConversationKey(
    [property: Id(0)] Guid TenantId,
    [property: Id(1)] Guid ConversationId)
{
    /// <summary>The grain key: <c>{tenant}:{conversation}</c>.</summary>
    public string ToGrainKey() => $"{TenantId:N}:{ConversationId:N}";

    /// <summary>Parses a key made by <see cref="ToGrainKey"/>.</summary>
    public static ConversationKey Parse(string grainKey)
    {
        var separator = grainKey.IndexOf(':', StringComparison.Ordinal);
        if (separator < 0)
        {
            throw new FormatException($"'{grainKey}' is not a conversation key.");
        }

        return new ConversationKey(
            Guid.ParseExact(grainKey.AsSpan(0, separator), "N"),
            Guid.ParseExact(grainKey.AsSpan(separator + 1), "N"));
    }
}
