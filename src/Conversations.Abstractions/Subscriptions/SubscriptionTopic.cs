namespace Conversations.Abstractions.Subscriptions;

/// <summary>
/// A subject the business writes to customers about (news, offers, order updates), which a customer can opt out of.
/// A marketing topic's messages carry an easy way out (a button or the unsubscribe keyword); a transactional one's
/// do not, but an opt-out from it is honoured all the same.
/// </summary>
/// <param name="Key">The topic's key in the API and in button payloads: 1–32 of a–z, 0–9, '-' and '_'.</param>
/// <param name="Name">What customers and operators read (1–100 characters), e.g. in the confirmation of an opt-out.</param>
/// <param name="Marketing">True for marketing (offers, news): the keyword opts out of every marketing topic at once.</param>
[GenerateSerializer, Immutable, Alias("conv.SubscriptionTopic")]
public sealed record SubscriptionTopic(
    [property: Id(0)] string Key,
    [property: Id(1)] string Name,
    [property: Id(2)] bool Marketing)
{
    /// <summary>The topic an opt-out by keyword is recorded under: every marketing topic of the tenant.</summary>
    public const string AllMarketing = "*";

    /// <summary>True when <paramref name="key"/> is a well-formed topic key.</summary>
    public static bool IsKey(string? key) =>
        key is { Length: > 0 and <= 32 } && key.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_');
}
