using System.Collections;
using System.ComponentModel.DataAnnotations;

namespace Conversations.Api.Contracts.Validation;

/// <summary>Every text of a list, or every value of a dictionary of texts, is at most <see cref="Length"/> characters.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class EachMaxLengthAttribute(int length) : ValidationAttribute($"each at most {length} characters")
{
    /// <summary>The longest text allowed.</summary>
    public int Length { get; } = length;

    /// <inheritdoc />
    public override bool IsValid(object? value) => value switch
    {
        IDictionary dictionary => dictionary.Values.Cast<object?>().All(Fits),
        IEnumerable items and not string => items.Cast<object?>().All(Fits),
        _ => true,
    };

    private bool Fits(object? item) => item is not string text || text.Length <= Length;
}
