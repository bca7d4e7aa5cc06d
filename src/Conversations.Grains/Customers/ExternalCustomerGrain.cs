using Conversations.Abstractions.Common;
using Conversations.Abstractions.Customers;

namespace Conversations.Grains.Customers;

/// <inheritdoc cref="IExternalCustomerGrain" />
/// <remarks>
/// Which customer an external id names is kept by its <see cref="IContactOwnerGrain"/>, the same owner the website
/// widget's signed users link through, so a CRM's push and a signed visitor with that id are one customer.
/// </remarks>
internal sealed class ExternalCustomerGrain(IIdGenerator ids) : Grain, IExternalCustomerGrain
{
    private Guid TenantId => ExternalCustomerKey.TenantOf(this.GetPrimaryKeyString());

    private string ExternalId => ExternalCustomerKey.ExternalIdOf(this.GetPrimaryKeyString());

    /// <inheritdoc />
    public async Task<CustomerUpsertResult> UpsertAsync(CustomerUpsert upsert)
    {
        if (!string.Equals(upsert.ExternalId, ExternalId, StringComparison.Ordinal))
        {
            throw DomainException.Invalid($"Customer '{upsert.ExternalId}' sent to external id '{ExternalId}'.");
        }

        // The owner is bound before the customer is written, so a retry after a crash finds the same customer.
        var candidate = ids.NewId();
        var customerId = await Owner().ClaimAsync(candidate);
        var customer = GrainFactory.GetGrain<ICustomerGrain>(new CustomerKey(TenantId, customerId).ToGrainKey());
        return new CustomerUpsertResult(await customer.UpsertFromIntegrationAsync(upsert), customerId == candidate);
    }

    /// <inheritdoc />
    public Task<Guid?> GetCustomerIdAsync() => Owner().GetOwnerAsync();

    private IContactOwnerGrain Owner() => GrainFactory.GetGrain<IContactOwnerGrain>(ContactOwnerKey.ExternalId(TenantId, ExternalId));
}
