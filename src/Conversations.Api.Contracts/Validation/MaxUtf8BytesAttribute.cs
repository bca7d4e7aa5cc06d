using System.ComponentModel.DataAnnotations;
using System.Text;

namespace Conversations.Api.Contracts.Validation;

/// <summary>
/// A text of at most <see cref="Bytes"/> bytes in UTF-8: a messenger's limit in bytes (Telegram's callback data),
/// which a character count cannot express (a Cyrillic letter is two bytes).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class MaxUtf8BytesAttribute(int bytes) : ValidationAttribute($"at most {bytes} bytes in UTF-8")
{
    /// <summary>The largest size allowed.</summary>
    public int Bytes { get; } = bytes;

    /// <inheritdoc />
    public override bool IsValid(object? value) => value is not string text || Encoding.UTF8.GetByteCount(text) <= Bytes;
}
