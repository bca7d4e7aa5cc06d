using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Conversations.Api.Contracts.Validation;

namespace Conversations.Api.Contracts.Customers;

/// <summary>
/// What the business's system knows about one of its customers, pushed under its own id. Applied as a merge: a name
/// replaces the shown one, phones and e-mails are added to those the customer gave, each attribute is set (a string,
/// number or boolean) or removed (null); attributes not mentioned stay.
/// </summary>
/// <param name="Name">The name to show operators; omitted or null keeps the current one.</param>
/// <param name="Phones">Phone numbers in international form (+79001234567; spaces, dashes and brackets are ignored).</param>
/// <param name="Emails">E-mail addresses.</param>
/// <param name="Attributes">Attributes by name (a Latin letter or '_', then letters, digits, '_' or '-'; at most 64 characters): a string, number or boolean sets one, null removes it.</param>
public sealed record UpsertCustomerRequest(
    [property: MaxLength(FieldLimits.DisplayName)] string? Name,
    [property: MaxLength(FieldLimits.CustomerContacts), EachMaxLength(FieldLimits.Phone)] IReadOnlyList<string>? Phones,
    [property: MaxLength(FieldLimits.CustomerContacts), EachMaxLength(FieldLimits.Email)] IReadOnlyList<string>? Emails,
    [property: MaxLength(FieldLimits.CustomerAttributes)] IReadOnlyDictionary<string, JsonElement>? Attributes);
