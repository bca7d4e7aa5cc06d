using System.ComponentModel.DataAnnotations;

namespace Conversations.Api.Contracts.Widget;

/// <summary>Starts or resumes a visitor session.</summary>
/// <param name="Token">The token the browser kept from an earlier session, if any.</param>
public sealed record WidgetSessionRequest([property: MaxLength(FieldLimits.Secret)] string? Token);
