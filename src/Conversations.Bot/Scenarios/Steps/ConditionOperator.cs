namespace Conversations.Bot.Scenarios.Steps;

/// <summary>How a condition compares a value.</summary>
internal enum ConditionOperator
{
    /// <summary>Same text, ignoring case and surrounding spaces.</summary>
    EqualTo,

    /// <summary>Not <see cref="EqualTo"/>.</summary>
    NotEqualTo,

    /// <summary>Has a non-empty value.</summary>
    Exists,

    /// <summary>Has no value.</summary>
    NotExists,

    /// <summary>Contains the text, ignoring case.</summary>
    Contains,

    /// <summary>Is a number greater than the number given.</summary>
    GreaterThan,

    /// <summary>Is a number less than the number given.</summary>
    LessThan,
}
