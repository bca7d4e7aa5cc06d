namespace Conversations.Bot.Scenarios.Steps;

/// <summary>One step of a validated scenario.</summary>
/// <param name="Id">Unique id within the scenario.</param>
internal abstract record ScenarioStep(string Id)
{
    /// <summary>Whether the engine stops at this step to wait for the customer's answer.</summary>
    public virtual bool WaitsForCustomer => false;
}
