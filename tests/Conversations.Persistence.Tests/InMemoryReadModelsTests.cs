using Conversations.Persistence.Conversations;
using Conversations.Persistence.InMemory;
using Conversations.Persistence.Queries;

namespace Conversations.Persistence.Tests;

public sealed class InMemoryReadModelsTests : ReadModelsContract
{
    private readonly InMemoryConversationStore _store = new();

    public InMemoryReadModelsTests() => Read = new InMemoryReadModels(_store);

    protected override IConversationStore Store => _store;

    protected override IReadModels Read { get; }
}
