using System.ComponentModel.DataAnnotations;

namespace Conversations.Api.Contracts.Channels;

/// <summary>How a website widget looks on the business's site; the widget applies it when a visitor's session opens.</summary>
/// <param name="Title">The header's title (1–80 characters); a <c>data-title</c> on the embed tag still wins on that page.</param>
/// <param name="Color">The accent colour of the launcher, header, send button and the visitor's bubbles, as <c>#rrggbb</c>.</param>
/// <param name="Greeting">Shown above the conversation when the chat opens, as plain text; null or empty for none.</param>
/// <param name="Position">Where the launcher and the chat sit on the page.</param>
public sealed record WidgetAppearance(
    [property: Required, MaxLength(FieldLimits.WidgetTitle)] string Title,
    [property: Required, MaxLength(FieldLimits.WidgetColor), RegularExpression("^#[0-9a-fA-F]{6}$")] string Color,
    [property: MaxLength(FieldLimits.WidgetGreeting)] string? Greeting = null,
    WidgetPosition Position = WidgetPosition.BottomRight)
{
    /// <summary>The accent colour of a widget nobody styled yet.</summary>
    public const string DefaultColor = "#2563eb";
}

/// <summary>A corner of the page for the widget.</summary>
public enum WidgetPosition
{
    /// <summary>Bottom right (the default).</summary>
    BottomRight,

    /// <summary>Bottom left (e.g. when the site's own button is on the right).</summary>
    BottomLeft,
}
