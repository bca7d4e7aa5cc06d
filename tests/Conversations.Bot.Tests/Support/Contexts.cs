using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Customers;
using Conversations.Bot.Engine;

namespace Conversations.Bot.Tests.Support;

internal static class Contexts
{
    public static BotContext Customer(
        ChannelCapabilities channel,
        string name = "Анна",
        IReadOnlyList<string>? phones = null,
        IReadOnlyDictionary<string, string>? attributes = null,
        IReadOnlyList<ConsentRecord>? consents = null,
        IReadOnlyDictionary<string, string>? config = null) =>
        new(channel, name, phones ?? [], [], attributes ?? new Dictionary<string, string>(), consents ?? [],
            config ?? new Dictionary<string, string> { ["crmBaseUrl"] = "https://crm.test" });
}
