namespace Conversations.Grains.Customers;

/// <summary>Stored state of an issued "continue in messenger" token (cleared once it is redeemed or found expired).</summary>
[GenerateSerializer, Alias("conv.ContinueLinkTokenState")]
public sealed class ContinueLinkTokenState
{
    /// <summary>The customer who asked for the link; null when none was issued (or it is spent).</summary>
    [Id(0)]
    public Guid? CustomerId { get; set; }

    /// <summary>When it stops working.</summary>
    [Id(1)]
    public DateTimeOffset ExpiresAt { get; set; }
}
