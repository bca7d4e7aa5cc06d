using Conversations.Persistence.Conversations;
using Conversations.Persistence.InMemory;
using Conversations.Persistence.Reports;

namespace Conversations.Persistence.Tests.Reports;

public sealed class InMemoryReportStoreTests : ReportStoreContract
{
    private readonly ReportChanges _changes = new();
    private readonly InMemoryConversationStore _conversations;
    private readonly InMemoryReportStore _reports;

    public InMemoryReportStoreTests()
    {
        _conversations = new InMemoryConversationStore(reportChanges: _changes);
        _reports = new InMemoryReportStore(_conversations);
    }

    protected override IConversationStore Conversations => _conversations;

    protected override IReportStore Reports => _reports;

    protected override ReportChanges Changes => _changes;
}
