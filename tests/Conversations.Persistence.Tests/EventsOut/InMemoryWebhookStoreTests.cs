using Conversations.Persistence.Conversations;
using Conversations.Persistence.EventsOut;
using Conversations.Persistence.InMemory;

namespace Conversations.Persistence.Tests.EventsOut;

public sealed class InMemoryWebhookStoreTests : WebhookStoreContract
{
    public InMemoryWebhookStoreTests()
    {
        var conversations = new InMemoryConversationStore();
        Conversations = conversations;
        Webhooks = new InMemoryWebhookStore(conversations);
    }

    protected override IWebhookStore Webhooks { get; }

    protected override IConversationStore Conversations { get; }
}
