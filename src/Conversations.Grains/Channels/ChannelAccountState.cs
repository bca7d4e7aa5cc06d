using Conversations.Abstractions.Channels;

namespace Conversations.Grains.Channels;

/// <summary>Stored state of a channel account.</summary>
[GenerateSerializer, Alias("conv.ChannelAccountState")]
public sealed class ChannelAccountState
{
    /// <summary>The connected account; null when not connected.</summary>
    [Id(0)]
    public ChannelAccount? Account { get; set; }

    /// <summary>Every update below this offset is processed (Telegram getUpdates).</summary>
    [Id(1)]
    public long PollingOffset { get; set; }

    /// <summary>Who polls this account now.</summary>
    [Id(2)]
    public string? LeaseHolder { get; set; }

    /// <summary>Until when.</summary>
    [Id(3)]
    public DateTimeOffset LeaseUntil { get; set; }
}
