using System.Globalization;

namespace Conversations.Abstractions.Channels;

/// <summary>
/// A customer as a channel knows them: the tenant, the channel, the business's account on it and the
/// channel's user id. Two tenants with the same external ids never share a key.
/// </summary>
[GenerateSerializer, Immutable, Alias("conv.ChannelIdentityKey")]
public readonly record struct ChannelIdentityKey(
    [property: Id(0)] Guid TenantId,
    [property: Id(1)] ChannelKind Kind,
    [property: Id(2)] string Account,
    [property: Id(3)] string ExternalUserId)
{
    /// <summary>The grain key: <c>{tenant}:{kind}:{account}:{user}</c> with the free-form parts escaped.</summary>
    public string ToGrainKey() => string.Create(CultureInfo.InvariantCulture,
        $"{TenantId:N}:{(int)Kind}:{Uri.EscapeDataString(Account)}:{Uri.EscapeDataString(ExternalUserId)}");

    /// <summary>Parses a key made by <see cref="ToGrainKey"/>.</summary>
    public static ChannelIdentityKey Parse(string grainKey)
    {
        var parts = grainKey.Split(':');
        if (parts.Length != 4)
        {
            throw new FormatException($"'{grainKey}' is not a channel identity key.");
        }

        return new ChannelIdentityKey(
            Guid.ParseExact(parts[0], "N"),
            (ChannelKind)int.Parse(parts[1], CultureInfo.InvariantCulture),
            Uri.UnescapeDataString(parts[2]),
            Uri.UnescapeDataString(parts[3]));
    }
}
