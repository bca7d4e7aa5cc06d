using System.ComponentModel.DataAnnotations;
using Conversations.Api.Contracts.Validation;

namespace Conversations.Api.Contracts.Conversations;

/// <summary>
/// The conversation's labels, replacing the ones it has (an empty list removes them all). Each is stored in lower case
/// with spaces collapsed; letters, digits, spaces, '-', '_' and '.' only; duplicates are dropped.
/// </summary>
/// <param name="Labels">The labels.</param>
public sealed record SetLabelsRequest(
    [property: Required, MaxLength(FieldLimits.Labels), EachMaxLength(FieldLimits.Label)] IReadOnlyList<string> Labels);
