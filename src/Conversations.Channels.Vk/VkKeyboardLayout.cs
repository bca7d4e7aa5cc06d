using Conversations.Abstractions.Channels;

namespace Conversations.Channels.Vk;

/// <summary>
/// How a reply's buttons are shown to one VK customer, from what their app said it supports (message_new's
/// <c>client_info</c>): an inline keyboard when it has one, a standard keyboard under the input field when it has only
/// that, numbered lines when it has neither; callback buttons when it has them, text buttons otherwise; link buttons
/// only when it has <c>open_link</c> (else "Label: URL" lines).
/// </summary>
/// <param name="Keyboard">Buttons are shown at all.</param>
/// <param name="Inline">In the message (true) or under the input field.</param>
/// <param name="Callback">Callback buttons (true) or text buttons.</param>
/// <param name="Links">open_link buttons are shown.</param>
public readonly record struct VkKeyboardLayout(bool Keyboard, bool Inline, bool Callback, bool Links)
{
    /// <summary>For a customer whose app never said: an inline keyboard of callback and link buttons (what current VK apps show).</summary>
    public static VkKeyboardLayout Default => new(true, true, true, true);

    /// <summary>The layout for an app that reported <paramref name="info"/> (null: <see cref="Default"/>).</summary>
    public static VkKeyboardLayout For(ChannelClientInfo? info) => info is null
        ? Default
        : new(info.InlineKeyboard || info.Keyboard, info.InlineKeyboard, info.Supports("callback"), info.Supports("open_link"));
}
