namespace Conversations.Api.Contracts.Conversations;

/// <summary>A label in use and how many of the tenant's open conversations carry it.</summary>
/// <param name="Label">The label.</param>
/// <param name="Conversations">Open conversations with it.</param>
public sealed record LabelUsage(string Label, int Conversations);
