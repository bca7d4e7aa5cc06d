namespace Conversations.Api.Contracts.Reports;

/// <summary>The tenant's report rollups were rebuilt from its history.</summary>
/// <param name="Conversations">Conversations counted.</param>
public sealed record ReportRecomputed(int Conversations);
