using System.ComponentModel.DataAnnotations;

namespace Conversations.Api.Contracts.Channels;

/// <summary>Creates a website widget.</summary>
/// <param name="Title">Shown in the widget's header.</param>
/// <param name="Key">The public widget key (default: generated).</param>
public sealed record CreateWidgetRequest(
    [property: MaxLength(FieldLimits.Title)] string? Title,
    [property: MaxLength(FieldLimits.Identifier)] string? Key = null);
