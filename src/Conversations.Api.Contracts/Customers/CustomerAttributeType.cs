namespace Conversations.Api.Contracts.Customers;

/// <summary>The type of a customer attribute's value.</summary>
public enum CustomerAttributeType
{
    /// <summary>Text.</summary>
    Text = 0,

    /// <summary>A number (kept in its invariant text form, e.g. <c>42.5</c>).</summary>
    Number = 1,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Flag = 2,
}
