namespace Conversations.Abstractions.Operators;

/// <summary>An operator an admin adds.</summary>
/// <param name="Username">Login name: 2–40 lowercase letters, digits, dots, dashes or underscores; unique in the tenant.</param>
/// <param name="DisplayName">Name shown to customers.</param>
/// <param name="Role">Operator or admin.</param>
/// <param name="Capacity">Most chats at once for auto-assignment (1–50).</param>
/// <param name="Password">Initial password (at least 8 characters); stored hashed only.</param>
[GenerateSerializer, Immutable, Alias("conv.NewOperator")]
public sealed record NewOperator(
    [property: Id(0)] string Username,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] OperatorRole Role,
    [property: Id(3)] int Capacity,
    [property: Id(4)] string Password)
{
    /// <summary>Most characters of a display name.</summary>
    public const int MaxDisplayNameLength = 100;

    /// <summary>
    /// Every problem with this operator, each naming the field (empty when valid). Checked before anything is created,
    /// so a refused operator never leaves half of a tenant or an operator behind.
    /// </summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!IsValidUsername(Username?.Trim().ToLowerInvariant()))
        {
            problems.Add("username: use 2–40 lowercase letters, digits, dots, dashes or underscores, starting with a letter or digit.");
        }

        if (string.IsNullOrWhiteSpace(DisplayName) || DisplayName.Trim().Length > MaxDisplayNameLength)
        {
            problems.Add($"displayName: required, at most {MaxDisplayNameLength} characters.");
        }

        if (!Enum.IsDefined(Role))
        {
            problems.Add("role: Operator or Admin.");
        }

        if (Capacity is < 1 or > 50)
        {
            problems.Add("capacity: the number of chats at once, 1 to 50.");
        }

        if (Password is not { Length: >= 8 and <= 200 })
        {
            problems.Add("password: 8 to 200 characters.");
        }

        return problems;
    }

    /// <summary>True for a normalised (trimmed, lowercase) username of 2–40 letters, digits, dots, dashes or underscores.</summary>
    public static bool IsValidUsername(string? username) =>
        username is { Length: >= 2 and <= 40 }
        && char.IsAsciiLetterOrDigit(username[0])
        && username.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-' or '_');
}
