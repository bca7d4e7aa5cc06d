namespace Conversations.Api.Contracts.Operators;

/// <summary>Whether an operator takes chats now.</summary>
public enum OperatorPresence
{
    /// <summary>Not working; never assigned.</summary>
    Offline = 1,

    /// <summary>Working but not taking new chats (keeps current ones); never auto-assigned.</summary>
    Away = 2,

    /// <summary>Taking chats; auto-assigned up to capacity.</summary>
    Online = 3,
}
