using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Customers;

namespace Conversations.Bot.Engine;

/// <summary>What the engine knows about the customer and the channel this turn.</summary>
/// <param name="Channel">What the customer's channel can show (buttons are rendered to fit it).</param>
/// <param name="DisplayName">The customer's name (<c>{customer.name}</c>).</param>
/// <param name="Phones">Known phone numbers; the first is <c>{customer.phone}</c> until the bot collects one.</param>
/// <param name="Emails">Known e-mail addresses; the first is <c>{customer.email}</c> until the bot collects one.</param>
/// <param name="Attributes">Customer attributes (<c>{customer.&lt;name&gt;}</c>).</param>
/// <param name="Consents">Consent answers, newest last; a consent step skips a question already granted at its version.</param>
/// <param name="Config">The tenant's values for <c>{config.&lt;key&gt;}</c> (e.g. <c>crmBaseUrl</c>).</param>
public sealed record BotContext(
    ChannelCapabilities Channel,
    string DisplayName,
    IReadOnlyList<string> Phones,
    IReadOnlyList<string> Emails,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<ConsentRecord> Consents,
    IReadOnlyDictionary<string, string> Config)
{
    /// <summary>The context of <paramref name="customer"/> on <paramref name="channel"/>.</summary>
    public static BotContext For(CustomerProfile customer, ChannelCapabilities channel, IReadOnlyDictionary<string, string>? config = null)
    {
        ArgumentNullException.ThrowIfNull(customer);
        // A made-up name (a website visitor's) is no name: {customer.name|…} falls back until a real one is known.
        return new BotContext(channel, customer.NameGenerated ? "" : customer.DisplayName, customer.Phones, customer.Emails, customer.Attributes, customer.Consents,
            config ?? new Dictionary<string, string>());
    }
}
