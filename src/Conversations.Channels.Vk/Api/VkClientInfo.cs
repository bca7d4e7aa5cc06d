using System.Text.Json.Serialization;

namespace Conversations.Channels.Vk.Api;

/// <summary>What the customer's VK app supports (callback_info_for_bots): button actions, keyboards, carousels, its language.</summary>
public sealed record VkClientInfo(
    [property: JsonPropertyName("keyboard")] bool Keyboard,
    [property: JsonPropertyName("inline_keyboard")] bool InlineKeyboard,
    [property: JsonPropertyName("button_actions")] IReadOnlyList<string>? ButtonActions,
    [property: JsonPropertyName("carousel")] bool Carousel = false,
    [property: JsonPropertyName("lang_id")] int? LangId = null);
