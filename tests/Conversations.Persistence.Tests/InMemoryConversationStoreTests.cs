using Conversations.Persistence.Conversations;
using Conversations.Persistence.InMemory;

namespace Conversations.Persistence.Tests;

public sealed class InMemoryConversationStoreTests : ConversationStoreContract
{
    protected override IConversationStore Store { get; } = new InMemoryConversationStore();
}
