namespace Conversations.Api.Contracts.Platform;

/// <summary>A plan's budgets. Over a budget: bot turns wait (messages are still stored and acknowledged), API calls get 429 with Retry-After, sends wait in the outbox.</summary>
/// <param name="Inbound">Bot turns on messages from the tenant's channels.</param>
/// <param name="Api">Calls to the HTTP API by the tenant's operators, admins and integrations.</param>
/// <param name="Outbound">Sends to the channels.</param>
public sealed record SetPlanRequest(PlanBudget? Inbound, PlanBudget? Api, PlanBudget? Outbound);
