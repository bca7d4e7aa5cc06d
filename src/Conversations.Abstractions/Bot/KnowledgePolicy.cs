namespace Conversations.Abstractions.Bot;

/// <summary>When the bot answers from the FAQ, when it asks "did you mean …?", and when it hands over: chosen by
/// calibrating the tenant's knowledge base for its target precision.</summary>
/// <param name="Threshold">The least confidence to answer.</param>
/// <param name="Margin">The least lead of the best entry over the runner-up (a share of the best score) to answer.</param>
/// <param name="SuggestFloor">The least score of an entry offered in "did you mean …?".</param>
[GenerateSerializer, Immutable, Alias("conv.KnowledgePolicy")]
public sealed record KnowledgePolicy(
    [property: Id(0)] double Threshold,
    [property: Id(1)] double Margin,
    [property: Id(2)] double SuggestFloor);
