using Conversations.Abstractions.Operators;

namespace Conversations.Grains.Operators;

/// <summary>Stored state of an operator (their live chats are read from the conversations, not stored here).</summary>
[GenerateSerializer, Alias("conv.OperatorState")]
public sealed class OperatorState
{
    /// <summary>False until created.</summary>
    [Id(0)]
    public bool Exists { get; set; }

    /// <summary>Login name.</summary>
    [Id(1)]
    public string Username { get; set; } = "";

    /// <summary>Name shown to customers.</summary>
    [Id(2)]
    public string DisplayName { get; set; } = "";

    /// <summary>Operator or admin.</summary>
    [Id(3)]
    public OperatorRole Role { get; set; } = OperatorRole.Operator;

    /// <summary>Presence.</summary>
    [Id(4)]
    public OperatorPresence Presence { get; set; } = OperatorPresence.Offline;

    /// <summary>Most chats at once for auto-assignment.</summary>
    [Id(5)]
    public int Capacity { get; set; } = 5;

    /// <summary>Password hash (ASP.NET Core Identity's PBKDF2 format).</summary>
    [Id(6)]
    public string PasswordHash { get; set; } = "";

    /// <summary>Goes up when the password or the role changes: tokens issued with an older stamp are refused.</summary>
    [Id(7)]
    public long SecurityStamp { get; set; }

    /// <summary>The groups the operator answers for (chats transferred to a group go to its members).</summary>
    [Id(8)]
    public List<string> Groups { get; set; } = [];
}
