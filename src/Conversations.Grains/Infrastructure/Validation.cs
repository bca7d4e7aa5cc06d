using System.Text.RegularExpressions;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Operators;

namespace Conversations.Grains.Infrastructure;

/// <summary>Input checks shared by grains; each failure says what is wrong and what is allowed.</summary>
internal static partial class Validation
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,39}$")]
    private static partial Regex SlugPattern();

    /// <summary>A slug: 2–40 lowercase letters, digits or dashes, not starting with a dash.</summary>
    public static string Slug(string? slug, string what = "slug")
    {
        var value = slug?.Trim() ?? "";
        return SlugPattern().IsMatch(value)
            ? value
            : throw DomainException.Invalid($"The {what} '{slug}' is not valid: use 2–40 lowercase letters, digits or dashes, starting with a letter or digit.");
    }

    /// <summary>A username: 2–40 lowercase letters, digits, dots, dashes or underscores.</summary>
    public static string Username(string? username)
    {
        var value = username?.Trim().ToLowerInvariant() ?? "";
        return NewOperator.IsValidUsername(value)
            ? value
            : throw DomainException.Invalid($"The username '{username}' is not valid: use 2–40 lowercase letters, digits, dots, dashes or underscores.");
    }

    /// <summary>A required text of at most <paramref name="maxLength"/> characters, trimmed.</summary>
    public static string Text(string? text, string what, int maxLength)
    {
        var value = text?.Trim() ?? "";
        if (value.Length == 0)
        {
            throw DomainException.Invalid($"The {what} is required.");
        }

        return value.Length <= maxLength
            ? value
            : throw DomainException.Invalid($"The {what} is too long: at most {maxLength} characters.");
    }
}
