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
    [property: Id(4)] string Password);
