namespace Conversations.Api.Contracts.Platform;

/// <summary>A plan: the budgets of every tenant on it.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Inbound">Bot turns on messages from the tenant's channels.</param>
/// <param name="Api">Calls to the HTTP API.</param>
/// <param name="Outbound">Sends to the channels.</param>
public sealed record Plan(string Name, PlanBudget Inbound, PlanBudget Api, PlanBudget Outbound);
