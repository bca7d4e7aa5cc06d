namespace Conversations.Abstractions.Common;

/// <summary>An expected failure with a code and a message written for the person who caused it.</summary>
[GenerateSerializer, Alias("conv.DomainException")]
public sealed class DomainException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DomainException(DomainErrorCode code, string message)
        : base(message) => Code = code;

    /// <summary>What kind of failure this is.</summary>
    [Id(0)]
    public DomainErrorCode Code { get; private set; }

    /// <summary>The name of the business rule that refused the request (a channel's rule for messages the business starts), when one is named.</summary>
    [Id(1)]
    public string? RuleName { get; private set; }

    /// <summary>Shorthand for <see cref="DomainErrorCode.NotFound"/>.</summary>
    public static DomainException NotFound(string message) => new(DomainErrorCode.NotFound, message);

    /// <summary>Shorthand for <see cref="DomainErrorCode.Conflict"/>.</summary>
    public static DomainException Conflict(string message) => new(DomainErrorCode.Conflict, message);

    /// <summary>Shorthand for <see cref="DomainErrorCode.Invalid"/>.</summary>
    public static DomainException Invalid(string message) => new(DomainErrorCode.Invalid, message);

    /// <summary>Shorthand for <see cref="DomainErrorCode.RuleViolation"/>.</summary>
    public static DomainException Rule(string message) => new(DomainErrorCode.RuleViolation, message);

    /// <summary>Shorthand for <see cref="DomainErrorCode.RuleViolation"/> naming the rule (<paramref name="ruleName"/>) for machines.</summary>
    public static DomainException Rule(string ruleName, string message) => new(DomainErrorCode.RuleViolation, message) { RuleName = ruleName };
}
