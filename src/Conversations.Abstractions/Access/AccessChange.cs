namespace Conversations.Abstractions.Access;

/// <summary>
/// A credential's rights changed: an operator's password, role or existence (<see cref="OperatorId"/>), or an API key
/// was revoked (<see cref="ApiKeyHash"/>). Every silo drops what it cached about that credential.
/// </summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="OperatorId">The operator whose rights changed, or null.</param>
/// <param name="ApiKeyHash">The SHA-256 of the revoked API key, or null.</param>
[GenerateSerializer, Immutable, Alias("conv.AccessChange")]
public sealed record AccessChange(
    [property: Id(0)] Guid TenantId,
    [property: Id(1)] Guid? OperatorId,
    [property: Id(2)] string? ApiKeyHash)
{
    /// <summary>An operator's password, role or existence changed.</summary>
    public static AccessChange Operator(Guid tenantId, Guid operatorId) => new(tenantId, operatorId, null);

    /// <summary>An API key was revoked.</summary>
    public static AccessChange ApiKey(Guid tenantId, string keyHash) => new(tenantId, null, keyHash);
}
