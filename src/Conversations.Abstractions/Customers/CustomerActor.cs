namespace Conversations.Abstractions.Customers;

/// <summary>Who changes a customer by hand (a merge, an unmerge, an edit), for the audit trail.</summary>
/// <param name="OperatorId">The operator or agent key; null for a tenant-wide API key.</param>
/// <param name="Name">Their name as the audit trail shows it.</param>
[GenerateSerializer, Immutable, Alias("conv.CustomerActor")]
public sealed record CustomerActor(
    [property: Id(0)] Guid? OperatorId,
    [property: Id(1)] string Name);
