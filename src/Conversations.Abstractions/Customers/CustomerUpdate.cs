namespace Conversations.Abstractions.Customers;

/// <summary>What the bot learnt about a customer in one turn (consents, contacts, attributes), applied to their profile.</summary>
[GenerateSerializer, Immutable, Alias("conv.CustomerUpdate")]
public sealed record CustomerUpdate(
    [property: Id(0)] IReadOnlyList<ConsentRecord> Consents,
    [property: Id(1)] IReadOnlyList<string> Phones,
    [property: Id(2)] IReadOnlyList<string> Emails,
    [property: Id(3)] IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>True when there is nothing to apply.</summary>
    public bool IsEmpty => Consents.Count == 0 && Phones.Count == 0 && Emails.Count == 0 && Attributes.Count == 0;

    /// <summary><paramref name="profile"/> with this update applied (what the conversation keeps until the customer grain confirms).</summary>
    public CustomerProfile ApplyTo(CustomerProfile profile) => profile with
    {
        Consents = [.. profile.Consents, .. Consents],
        Phones = [.. profile.Phones.Union(Phones, StringComparer.Ordinal)],
        Emails = [.. profile.Emails.Union(Emails, StringComparer.OrdinalIgnoreCase)],
        Attributes = new Dictionary<string, string>(profile.Attributes.Concat(Attributes).GroupBy(a => a.Key).ToDictionary(g => g.Key, g => g.Last().Value), StringComparer.Ordinal),
    };
}
