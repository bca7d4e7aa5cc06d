namespace Conversations.Abstractions.Customers;

/// <summary>
/// An operator's edit of a customer's profile (<see cref="ICustomerGrain.EditProfileAsync"/>): each field given replaces
/// what the profile has; a null field is left as it is. Contacts an operator types are unverified: they never link
/// identities, and contacts a channel vouches for cannot be removed.
/// </summary>
/// <param name="Actor">Who edits, for the audit trail.</param>
/// <param name="DisplayName">The customer's real name (it replaces a generated one for good).</param>
/// <param name="Phones">Every phone the profile should keep (E.164).</param>
/// <param name="Emails">Every e-mail the profile should keep.</param>
/// <param name="Notes">Operators' notes about the customer (empty clears them).</param>
/// <param name="Tags">The customer's tags (normalized like conversation labels; empty clears them).</param>
[GenerateSerializer, Immutable, Alias("conv.CustomerEdit")]
public sealed record CustomerEdit(
    [property: Id(0)] CustomerActor Actor,
    [property: Id(1)] string? DisplayName = null,
    [property: Id(2)] IReadOnlyList<string>? Phones = null,
    [property: Id(3)] IReadOnlyList<string>? Emails = null,
    [property: Id(4)] string? Notes = null,
    [property: Id(5)] IReadOnlyList<string>? Tags = null);
