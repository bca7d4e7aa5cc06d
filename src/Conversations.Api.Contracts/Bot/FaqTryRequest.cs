using System.ComponentModel.DataAnnotations;

namespace Conversations.Api.Contracts.Bot;

/// <summary>A question to try against the FAQ, as a customer would ask it.</summary>
/// <param name="Question">The question.</param>
public sealed record FaqTryRequest([property: MaxLength(FieldLimits.FaqQuestion)] string Question);
