using System.Collections.Immutable;
using Conversations.Bot.Engine;
using Conversations.Bot.Scenarios.Steps;

namespace Conversations.Bot.Scenarios;

/// <summary>
/// A validated, immutable scenario ("chat map") of one tenant at one version. Only
/// <see cref="ScenarioParser.Parse(string, string)"/> makes one, so the engine can rely on every reference resolving.
/// </summary>
public sealed class Scenario
{
    internal Scenario(
        string version,
        string startStepId,
        ImmutableDictionary<string, ScenarioStep> steps,
        int maxStepsPerTurn,
        ScenarioTexts texts,
        ImmutableDictionary<string, string> eventEntryPoints)
    {
        EventEntryPoints = eventEntryPoints;
        Version = version;
        StartStepId = startStepId;
        Steps = steps;
        MaxStepsPerTurn = maxStepsPerTurn;
        Texts = texts;
        ChoicePayloads = BuildPayloadIndex(steps.Values);
        ChoiceLabels = BuildLabelIndex(steps.Values);
    }

    /// <summary>The version the caller gave when validating (stored in sessions to notice a hot swap).</summary>
    public string Version { get; }

    /// <summary>Where a conversation begins.</summary>
    public string StartStepId { get; }

    /// <summary>
    /// Where a business event starts a flow (<c>"events": { "order_delivered": "survey" }</c>): the step of each event name.
    /// </summary>
    public ImmutableDictionary<string, string> EventEntryPoints { get; }

    /// <summary>The ids of all steps.</summary>
    public IEnumerable<string> StepIds => Steps.Keys;

    /// <summary>Most steps the engine runs in one turn before it gives up on a loop.</summary>
    public int MaxStepsPerTurn { get; }

    internal ImmutableDictionary<string, ScenarioStep> Steps { get; }

    internal ScenarioTexts Texts { get; }

    /// <summary>
    /// Every menu option and message choice button by payload, so a button pressed under an older message still
    /// leads somewhere ("Каталог" in the main menu pressed while the bot waits for a phone number).
    /// </summary>
    internal ImmutableDictionary<string, string> ChoicePayloads { get; }

    /// <summary>
    /// Menu option and choice button labels (normalised) that lead to one step only, so that typing "Доставка" works
    /// wherever the customer is; labels such as "Назад" that lead to different steps are left out.
    /// </summary>
    internal ImmutableDictionary<string, string> ChoiceLabels { get; }

    /// <summary>Whether a step with this id exists.</summary>
    public bool ContainsStep(string stepId) => Steps.ContainsKey(stepId);

    private static ImmutableDictionary<string, string> BuildPayloadIndex(IEnumerable<ScenarioStep> steps)
    {
        var index = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (_, payload, next) in Choices(steps))
        {
            index.TryAdd(payload, next); // the validator rejects duplicate payloads
        }

        return index.ToImmutable();
    }

    private static ImmutableDictionary<string, string> BuildLabelIndex(IEnumerable<ScenarioStep> steps) =>
        Choices(steps)
            .GroupBy(c => ChoiceMatcher.Normalize(c.Label), StringComparer.Ordinal)
            .Where(g => g.Key.Length > 0 && g.Select(c => c.Next).Distinct(StringComparer.Ordinal).Count() == 1)
            .ToImmutableDictionary(g => g.Key, g => g.First().Next, StringComparer.Ordinal);

    private static IEnumerable<(string Label, string Payload, string Next)> Choices(IEnumerable<ScenarioStep> steps) =>
        steps.SelectMany(step => step switch
        {
            MenuStep menu => menu.Options.Select(o => (o.Label, o.Payload, o.Next)),
            MessageStep message => message.Buttons.Where(b => b.Next is not null).Select(b => (b.Label, b.Payload, b.Next!)),
            _ => [],
        });
}
