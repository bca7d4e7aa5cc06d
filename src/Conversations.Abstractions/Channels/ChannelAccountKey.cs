using System.Globalization;

namespace Conversations.Abstractions.Channels;

/// <summary>
/// A business's account on a channel, as the platform knows it: a Telegram bot (account = the bot's
/// numeric id), a website widget (account = its public key). Unique across tenants: one bot belongs to one tenant.
/// </summary>
[GenerateSerializer, Immutable, Alias("conv.ChannelAccountKey")]
public readonly record struct ChannelAccountKey(
    [property: Id(0)] ChannelKind Kind,
    [property: Id(1)] string Account)
{
    /// <summary>The grain key: <c>{kind}:{account}</c>.</summary>
    public string ToGrainKey() => string.Create(CultureInfo.InvariantCulture, $"{(int)Kind}:{Uri.EscapeDataString(Account)}");

    /// <summary>Parses a key made by <see cref="ToGrainKey"/>.</summary>
    public static ChannelAccountKey Parse(string grainKey)
    {
        var separator = grainKey.IndexOf(':', StringComparison.Ordinal);
        return separator < 0
            ? throw new FormatException($"'{grainKey}' is not a channel account key.")
            : new ChannelAccountKey(
                (ChannelKind)int.Parse(grainKey.AsSpan(0, separator), CultureInfo.InvariantCulture),
                Uri.UnescapeDataString(grainKey[(separator + 1)..]));
    }
}
