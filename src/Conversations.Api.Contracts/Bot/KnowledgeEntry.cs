using System.ComponentModel.DataAnnotations;
using Conversations.Api.Contracts.Validation;

namespace Conversations.Api.Contracts.Bot;

/// <summary>An FAQ entry: ways customers ask a question, and the answer.</summary>
/// <param name="Id">Its id (letters, digits, dashes).</param>
/// <param name="Questions">Question variants, each at most 1000 characters.</param>
/// <param name="Answer">The answer the bot gives.</param>
public sealed record KnowledgeEntry(
    [property: MaxLength(FieldLimits.Identifier)] string Id,
    [property: MaxLength(FieldLimits.FaqQuestions), EachMaxLength(FieldLimits.FaqQuestion)] IReadOnlyList<string> Questions,
    [property: MaxLength(FieldLimits.FaqAnswer)] string Answer);
