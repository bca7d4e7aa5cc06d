namespace Conversations.Abstractions.Customers;

/// <summary>
/// The business's own id of a customer (key: <see cref="ExternalCustomerKey"/>): which of the tenant's customers it
/// names. The owner of the id (<see cref="IContactOwnerGrain"/>) takes one claim at a time, so two pushes of a new id at once still make one customer.
/// </summary>
public interface IExternalCustomerGrain : IGrainWithStringKey
{
    /// <summary>Creates the customer on the first push (the id is then owned through <see cref="IContactOwnerGrain"/>), then applies <paramref name="upsert"/> to it; returns the profile and whether it was created.</summary>
    Task<CustomerUpsertResult> UpsertAsync(CustomerUpsert upsert);

    /// <summary>The customer with this external id, or null when none was pushed.</summary>
    Task<Guid?> GetCustomerIdAsync();
}
