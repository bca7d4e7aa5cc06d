using System.Collections.Immutable;
using Conversations.Bot.Templates;

namespace Conversations.Bot.Scenarios.Steps;

/// <summary>Calls the business's system and copies values from its JSON answer into variables.</summary>
internal sealed record HttpStep(
    string Id,
    HttpMethod Method,
    Template Url,
    ImmutableArray<KeyValuePair<string, Template>> Headers,
    JsonBodyTemplate? Body,
    TimeSpan Timeout,
    ImmutableArray<HttpAssignment> Assign,
    string Next,
    string OnError) : ScenarioStep(Id);
