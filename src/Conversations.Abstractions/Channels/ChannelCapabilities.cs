using System.Text;
using Conversations.Abstractions.Messages;

namespace Conversations.Abstractions.Channels;

/// <summary>
/// What a channel can show, how fast and when the business may write: one description per channel kind, read by
/// the bot (menus), the domain (messaging windows) and delivery (splitting, pacing, retries).
/// </summary>
/// <param name="Kind">The channel.</param>
/// <param name="MaxTextLength">Longest text one message may carry; longer texts are split.</param>
/// <param name="MaxButtons">Most buttons one message may carry; 0 means buttons are rendered as numbered text.</param>
/// <param name="MaxButtonLabelLength">Longest button label.</param>
/// <param name="SupportsImages">Whether images can be sent.</param>
/// <param name="SupportsLinkButtons">Whether a button can open a URL.</param>
/// <param name="Window">The messaging-window rule.</param>
/// <param name="MaxButtonPayloadBytes">
/// Largest payload a button can carry back, in UTF-8 bytes; <c>null</c> when the platform states none. A payload
/// must never be cut (the bot would not recognise it), so a menu whose payloads do not fit is sent as numbered text.
/// </param>
/// <param name="Media">The kinds of file the channel carries and their size limits; empty when none can be sent as files.</param>
/// <param name="Rates">How fast one account may send.</param>
/// <param name="SendIdempotencyKey">
/// Whether the platform's send API takes an idempotency key, so a send retried after a lost answer is not shown
/// twice. Without one, a retry after a timeout may duplicate the message.
/// </param>
[GenerateSerializer, Immutable, Alias("conv.ChannelCapabilities")]
public sealed record ChannelCapabilities(
    [property: Id(0)] ChannelKind Kind,
    [property: Id(1)] int MaxTextLength,
    [property: Id(2)] int MaxButtons,
    [property: Id(3)] int MaxButtonLabelLength,
    [property: Id(4)] bool SupportsImages,
    [property: Id(5)] bool SupportsLinkButtons,
    [property: Id(6)] MessagingWindowPolicy Window,
    [property: Id(7)] int? MaxButtonPayloadBytes = null,
    [property: Id(8)] IReadOnlyList<MediaLimit>? Media = null,
    [property: Id(9)] ChannelRateLimits? Rates = null,
    [property: Id(10)] bool SendIdempotencyKey = false)
{
    /// <summary>The size limit of <paramref name="kind"/> files, or null when the channel does not carry them as files.</summary>
    public long? MaxMediaBytes(MediaKind kind) => Media?.FirstOrDefault(m => m.Kind == kind)?.MaxBytes;

    /// <summary>
    /// True when <paramref name="buttons"/> can be shown as the channel's own buttons without losing anything:
    /// not too many, a link button only where the channel has them, and every payload whole.
    /// </summary>
    public bool FitsAsButtons(IReadOnlyList<Button> buttons) =>
        buttons.Count > 0
        && buttons.Count <= MaxButtons
        && buttons.All(b => b.Url is null ? PayloadFits(b.Payload ?? b.Label) : SupportsLinkButtons);

    /// <summary>True when <paramref name="payload"/> fits a button of this channel uncut.</summary>
    public bool PayloadFits(string payload) =>
        payload.Length > 0 && (MaxButtonPayloadBytes is not { } max || Encoding.UTF8.GetByteCount(payload) <= max);

    /// <summary>The label cut to the channel's limit, with an ellipsis so the cut shows.</summary>
    public string ButtonLabel(string label) =>
        MaxButtonLabelLength <= 1 || label.Length <= MaxButtonLabelLength
            ? label
            : string.Concat(label.AsSpan(0, MaxButtonLabelLength - 1), "…");
}
