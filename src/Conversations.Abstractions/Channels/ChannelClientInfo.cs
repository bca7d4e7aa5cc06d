namespace Conversations.Abstractions.Channels;

/// <summary>
/// What a customer's app on a channel says it can show, as the channel reports it with each message (VK's
/// <c>client_info</c>: dev.vk.com callback_info_for_bots), so replies are rendered for that app.
/// </summary>
/// <param name="Keyboard">The app shows a keyboard under the input field.</param>
/// <param name="InlineKeyboard">The app shows keyboards inside messages.</param>
/// <param name="Carousel">The app shows carousels.</param>
/// <param name="ButtonActions">The button action types it supports (<c>text</c>, <c>callback</c>, <c>open_link</c>...).</param>
/// <param name="LanguageId">The app's language as the channel numbers it (VK: 0 Russian, 3 English...), if told.</param>
[GenerateSerializer, Immutable, Alias("conv.ChannelClientInfo")]
public sealed record ChannelClientInfo(
    [property: Id(0)] bool Keyboard,
    [property: Id(1)] bool InlineKeyboard,
    [property: Id(2)] bool Carousel,
    [property: Id(3)] IReadOnlyList<string> ButtonActions,
    [property: Id(4)] int? LanguageId)
{
    /// <summary>True when the app supports buttons of action <paramref name="type"/>.</summary>
    public bool Supports(string type) => ButtonActions.Contains(type, StringComparer.Ordinal);

    /// <summary>True when <paramref name="other"/> says the same (the lists compared item by item).</summary>
    public bool SameAs(ChannelClientInfo? other) =>
        other is not null && Keyboard == other.Keyboard && InlineKeyboard == other.InlineKeyboard && Carousel == other.Carousel
        && LanguageId == other.LanguageId && ButtonActions.SequenceEqual(other.ButtonActions, StringComparer.Ordinal);
}
