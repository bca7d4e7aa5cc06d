using System.Globalization;
using System.Text.Json;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Customers;
using Conversations.Api.Contracts;
using Conversations.Api.Contracts.Customers;
using CustomerAttributeType = Conversations.Abstractions.Customers.CustomerAttributeType;

namespace Conversations.Api.Mappings;

/// <summary>A CRM's push of a customer, checked field by field and turned into the domain's form.</summary>
public static class CustomerUpsertMappings
{
    /// <summary>
    /// The domain form of <paramref name="request"/> for <paramref name="externalId"/>; every problem names its field
    /// (<c>$.attributes.plan: …</c>) and all are reported at once as one <see cref="DomainException"/>.
    /// </summary>
    public static CustomerUpsert ToDomain(this UpsertCustomerRequest request, string externalId)
    {
        var problems = new List<string>();
        var upsert = request.ToDomain(externalId, problems);
        return problems.Count > 0 ? throw DomainException.Invalid(string.Join(" ", problems)) : upsert;
    }

    /// <summary>
    /// The domain form of <paramref name="request"/> for <paramref name="externalId"/>, adding each problem to
    /// <paramref name="problems"/> as <c>field: reason</c> (the result is meaningless when one was added).
    /// </summary>
    public static CustomerUpsert ToDomain(this UpsertCustomerRequest request, string externalId, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var id = ExternalIdProblem(externalId) is { } idProblem ? Add(problems, $"externalId: {idProblem}") : externalId;
        var name = request.Name?.Trim();
        if (name is not null && name.Any(char.IsControl))
        {
            problems.Add("$.name: must not contain control characters.");
        }

        var phones = new List<string>();
        foreach (var (phone, index) in (request.Phones ?? []).Select((p, i) => (p, i)))
        {
            if (PhoneNumbers.ToE164(phone) is { } e164)
            {
                phones.Add(e164);
            }
            else
            {
                problems.Add($"$.phones[{index}]: not a phone number in international form (+ and 7 to 15 digits, e.g. +79001234567).");
            }
        }

        var emails = new List<string>();
        foreach (var (email, index) in (request.Emails ?? []).Select((e, i) => (e, i)))
        {
            if (EmailAddresses.Normalize(email) is { } normalized)
            {
                emails.Add(normalized);
            }
            else
            {
                problems.Add($"$.emails[{index}]: not an e-mail address (local@domain.tld).");
            }
        }

        var attributes = new Dictionary<string, CustomerAttribute>(StringComparer.Ordinal);
        var removed = new List<string>();
        foreach (var (attributeName, value) in request.Attributes ?? new Dictionary<string, JsonElement>())
        {
            var path = $"$.attributes.{Shorten(attributeName)}";
            if (AttributeNameProblem(attributeName) is { } nameProblem)
            {
                problems.Add($"{path}: {nameProblem}");
                continue;
            }

            switch (value.ValueKind)
            {
                case JsonValueKind.Null or JsonValueKind.Undefined:
                    removed.Add(attributeName);
                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    attributes[attributeName] = new CustomerAttribute(value.ValueKind == JsonValueKind.True ? "true" : "false", CustomerAttributeType.Flag);
                    break;
                case JsonValueKind.Number when value.TryGetDecimal(out var number):
                    attributes[attributeName] = new CustomerAttribute(number.ToString(CultureInfo.InvariantCulture), CustomerAttributeType.Number);
                    break;
                case JsonValueKind.Number:
                    problems.Add($"{path}: the number is out of range (at most 28 significant digits, magnitude below 7.9e28).");
                    break;
                case JsonValueKind.String when value.GetString() is { } text && text.Length > FieldLimits.AttributeValue:
                    problems.Add($"{path}: at most {FieldLimits.AttributeValue} characters (this one has {text.Length}).");
                    break;
                case JsonValueKind.String when value.GetString()!.Any(ch => char.IsControl(ch) && ch is not ('\n' or '\t')):
                    problems.Add($"{path}: must not contain control characters other than line breaks and tabs.");
                    break;
                case JsonValueKind.String:
                    attributes[attributeName] = new CustomerAttribute(value.GetString()!, CustomerAttributeType.Text);
                    break;
                default:
                    problems.Add($"{path}: must be a string, a number, a boolean or null (to remove it), not {(value.ValueKind == JsonValueKind.Array ? "an array" : "an object")}.");
                    break;
            }
        }

        return new CustomerUpsert(id, string.IsNullOrEmpty(name) ? null : name, phones, emails, attributes, removed);
    }

    /// <summary>Why <paramref name="externalId"/> cannot name a customer, or null when it can.</summary>
    public static string? ExternalIdProblem(string? externalId) => externalId switch
    {
        null or { Length: 0 } => "is required.",
        { Length: > FieldLimits.ExternalId } => $"at most {FieldLimits.ExternalId} characters (this one has {externalId.Length}).",
        _ when externalId.Any(char.IsControl) => "must not contain control characters.",
        _ when externalId.Trim().Length != externalId.Length => "must not start or end with spaces.",
        _ => null,
    };

    private static string? AttributeNameProblem(string name)
    {
        if (name.Length is 0 or > FieldLimits.AttributeName)
        {
            return $"an attribute's name has 1 to {FieldLimits.AttributeName} characters.";
        }

        var valid = (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '-');
        return valid ? null : "an attribute's name starts with a Latin letter or '_' and has only Latin letters, digits, '_' and '-' (so a scenario can read it as {customer.attributes.name}).";
    }

    private static string Shorten(string text) => text.Length <= FieldLimits.AttributeName ? text : string.Concat(text.AsSpan(0, FieldLimits.AttributeName), "…");

    private static string Add(List<string> problems, string problem)
    {
        problems.Add(problem);
        return "";
    }
}
