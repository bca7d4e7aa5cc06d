namespace Conversations.Api.Contracts.Channels;

/// <summary>Creates a website widget.</summary>
/// <param name="Title">Shown in the widget's header.</param>
/// <param name="Key">The public widget key (default: generated).</param>
public sealed record CreateWidgetRequest(string? Title, string? Key = null);
