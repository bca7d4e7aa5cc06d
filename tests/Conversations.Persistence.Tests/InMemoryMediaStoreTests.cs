using Conversations.Persistence.Conversations;
using Conversations.Persistence.InMemory;
using Conversations.Persistence.Media;

namespace Conversations.Persistence.Tests;

public sealed class InMemoryMediaStoreTests : MediaStoreContract
{
    private readonly InMemoryConversationStore _conversations = new();

    protected override IMediaStore Media { get; } = new InMemoryMediaStore();

    protected override IConversationStore Conversations => _conversations;

    protected override IMediaFetchQueue Fetches => _conversations.MediaFetches;
}
