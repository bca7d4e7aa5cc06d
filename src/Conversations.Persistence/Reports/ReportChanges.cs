using Conversations.Persistence.Conversations;

namespace Conversations.Persistence.Reports;

/// <summary>The conversations changed since the report aggregator last ran.</summary>
public sealed class ReportChanges : ChangedConversations;
