using Conversations.Abstractions.Common;

namespace Conversations.Channels.Email;

/// <summary>Rules for values we put into mail headers.</summary>
public static class EmailHeaders
{
    /// <summary>True when <paramref name="value"/> could break out of its header (CR, LF or NUL: header injection).</summary>
    public static bool HasLineBreak(string? value) => value is not null && value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0;

    /// <summary>Refuses <paramref name="value"/> of <paramref name="field"/> when it holds a line break.</summary>
    public static void RefuseLineBreaks(string field, string? value)
    {
        if (HasLineBreak(value))
        {
            throw DomainException.Invalid($"{field}: line breaks are not allowed (the value goes into a mail header).");
        }
    }
}
