namespace Conversations.Abstractions.Channels;

/// <summary>What a channel can show and when the business may write; used to render replies per channel.</summary>
/// <param name="Kind">The channel.</param>
/// <param name="MaxTextLength">Longest text one message may carry; longer texts are split.</param>
/// <param name="MaxButtons">Most buttons one message may carry; 0 means buttons are rendered as numbered text.</param>
/// <param name="MaxButtonLabelLength">Longest button label.</param>
/// <param name="SupportsImages">Whether images can be sent.</param>
/// <param name="SupportsLinkButtons">Whether a button can open a URL.</param>
/// <param name="Window">The messaging-window rule.</param>
[GenerateSerializer, Immutable, Alias("conv.ChannelCapabilities")]
public sealed record ChannelCapabilities(
    [property: Id(0)] ChannelKind Kind,
    [property: Id(1)] int MaxTextLength,
    [property: Id(2)] int MaxButtons,
    [property: Id(3)] int MaxButtonLabelLength,
    [property: Id(4)] bool SupportsImages,
    [property: Id(5)] bool SupportsLinkButtons,
    [property: Id(6)] MessagingWindowPolicy Window);
