using Conversations.Bot.Engine;
using Conversations.Channels;
using Conversations.Customers;

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
