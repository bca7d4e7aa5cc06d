using System.Collections.Immutable;
using Conversations.Abstractions.Messages;
using Conversations.Bot.Effects;
using Conversations.Bot.Scenarios;
using Conversations.Bot.Templates;

namespace Conversations.Bot.Engine;

/// <summary>The working state of one turn: the session being changed, and what the turn has produced so far.</summary>
internal sealed class Turn(Scenario scenario, BotSession? session, BotContext context)
{
    public Scenario Scenario { get; } = scenario;

    public BotContext Context { get; } = context;

    public ImmutableSortedDictionary<string, string>.Builder Variables { get; } =
        (session?.Variables ?? ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal)).ToBuilder();

    public string? CurrentStepId { get; set; } = session?.CurrentStepId;

    public int FailedAttempts { get; set; } = session?.FailedAttempts ?? 0;

    public QuizProgress? Quiz { get; set; } = session?.Quiz;

    public List<MessageContent> Messages { get; } = [];

    public List<BotEffect> Effects { get; } = [];

    public int StepsRun { get; set; }

    /// <summary>False when the caller cannot wait for an http step here (see <see cref="OutsideCallRequiredException"/>).</summary>
    public bool OutsideCallsAllowed { get; init; } = true;

    /// <summary>
    /// The value at <paramref name="path"/>: a variable of this session first (answers collected here override the
    /// profile), then the customer's profile for <c>customer.*</c> and the tenant's configuration for <c>config.*</c>.
    /// </summary>
    public string? Value(string path)
    {
        if (Variables.TryGetValue(path, out var value))
        {
            return value;
        }

        var dot = path.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return null;
        }

        var key = path[(dot + 1)..];
        return path[..dot] switch
        {
            ValueRoots.Customer => key switch
            {
                "name" => Context.DisplayName,
                "phone" => Context.Phones.Count > 0 ? Context.Phones[0] : null,
                "email" => Context.Emails.Count > 0 ? Context.Emails[0] : null,
                _ when key.StartsWith(ValueRoots.AttributesSegment + ".", StringComparison.Ordinal) =>
                    Context.Attributes.GetValueOrDefault(key[(ValueRoots.AttributesSegment.Length + 1)..]),
                _ => Context.Attributes.GetValueOrDefault(key),
            },
            ValueRoots.Config => Context.Config.GetValueOrDefault(key),
            _ => null,
        };
    }

    public string Render(Template template) => template.Render(Value);

    public void Say(string text) => Messages.Add(new TextContent(text));

    public void Send(MessageContent message) => Messages.Add(message);

    /// <summary>Writes a variable; <c>customer.&lt;attribute&gt;</c> is also reported for the customer's profile.</summary>
    public void Write(string variable, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            Variables.Remove(variable);
            return;
        }

        Variables[variable] = value;
        if (variable.StartsWith(ValueRoots.Customer + ".", StringComparison.Ordinal))
        {
            Effects.Add(new CustomerAttributeSet(variable[(ValueRoots.Customer.Length + 1)..], value));
        }
    }

    /// <summary>Forgets the waiting step and its progress (before entering another step, or at the end).</summary>
    public void LeaveStep()
    {
        CurrentStepId = null;
        FailedAttempts = 0;
        Quiz = null;
    }

    public BotTurnResult Result() => new(
        [.. Messages],
        new BotSession(Scenario.Version, CurrentStepId, Variables.ToImmutable(), FailedAttempts, Quiz),
        [.. Effects]);
}
