namespace Conversations.Abstractions.Common;

/// <summary>Kinds of expected failure a caller can act on (mapped to HTTP status codes at the edge).</summary>
public enum DomainErrorCode
{
    /// <summary>The thing does not exist (or belongs to another tenant: never say which).</summary>
    NotFound = 1,

    /// <summary>The request races another change (two operators taking one chat) or duplicates something unique.</summary>
    Conflict = 2,

    /// <summary>The request is malformed or its values are out of range.</summary>
    Invalid = 3,

    /// <summary>A business rule forbids it now (the messaging window is closed, the chat is not yours).</summary>
    RuleViolation = 4,

    /// <summary>The caller may not do this.</summary>
    Forbidden = 5,
}
