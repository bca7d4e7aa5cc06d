using System.ComponentModel.DataAnnotations;
using Conversations.Api.Contracts.Validation;

namespace Conversations.Api.Contracts.Customers;

/// <summary>
/// An operator's edit of a customer's profile (<c>PATCH /api/v1/customers/{id}</c>): each field given replaces what the
/// profile has; an omitted or null field stays as it is. Contacts typed here are unverified (they never link identities);
/// a contact one of the customer's channels vouches for cannot be removed. Every change is in the customer's audit trail.
/// </summary>
/// <param name="Name">The customer's real name (1–100 characters); it replaces a generated visitor name for good.</param>
/// <param name="Phones">Every phone to keep, in international form (+79001234567; spaces, dashes and brackets are ignored); at most 10.</param>
/// <param name="Emails">Every e-mail address to keep; at most 10.</param>
/// <param name="Notes">Operators' notes about the customer (at most 4000 characters; empty clears them).</param>
/// <param name="Tags">The customer's tags (at most 20, each up to 32 letters, digits, spaces, '-', '_' or '.'; stored in lower case; empty clears them).</param>
public sealed record EditCustomerRequest(
    [property: MaxLength(FieldLimits.DisplayName)] string? Name = null,
    [property: MaxLength(FieldLimits.CustomerContacts), EachMaxLength(FieldLimits.Phone)] IReadOnlyList<string>? Phones = null,
    [property: MaxLength(FieldLimits.CustomerContacts), EachMaxLength(FieldLimits.Email)] IReadOnlyList<string>? Emails = null,
    [property: MaxLength(FieldLimits.CustomerNotes)] string? Notes = null,
    [property: MaxLength(FieldLimits.Labels), EachMaxLength(FieldLimits.Label)] IReadOnlyList<string>? Tags = null);
