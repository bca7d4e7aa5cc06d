namespace Conversations.Grains.Customers;

/// <summary>Stored state of a verified fact: the customer who owns it.</summary>
[GenerateSerializer, Alias("conv.ContactOwnerState")]
public sealed class ContactOwnerState
{
    /// <summary>The owner; null before the first claim.</summary>
    [Id(0)]
    public Guid? CustomerId { get; set; }
}
