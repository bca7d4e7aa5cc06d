namespace Conversations.Abstractions.Customers;

/// <summary>The type of a customer attribute's value, as the integration that set it sent it.</summary>
public enum CustomerAttributeType
{
    /// <summary>Text (also what the bot's input steps write).</summary>
    Text = 0,

    /// <summary>A JSON number, kept in its invariant text form.</summary>
    Number = 1,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Flag = 2,
}
