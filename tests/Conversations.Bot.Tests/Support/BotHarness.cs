using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Channels;
using Conversations.Bot.Engine;
using Conversations.Bot.Scenarios;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.Bot.Tests.Support;

/// <summary>One conversation with a scenario: keeps the session between turns, as the conversation grain would.</summary>
internal sealed class BotHarness
{
    public BotHarness(Scenario scenario, FakeCrm? crm = null, ChannelCapabilities? channel = null, BotContext? context = null)
    {
        Scenario = scenario;
        Crm = crm ?? FakeCrm.Unused();
        Engine = new ScenarioEngine(Crm, Time);
        Context = context ?? Contexts.Customer(channel ?? TestChannels.Telegram);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.Zero));

    public Scenario Scenario { get; set; }

    public FakeCrm Crm { get; }

    public ScenarioEngine Engine { get; }

    public BotContext Context { get; set; }

    public BotSession? Session { get; set; }

    public async Task<BotTurnResult> SendAsync(BotInput input, CancellationToken cancellationToken = default)
    {
        var result = await Engine.RunTurnAsync(Scenario, Session, input, Context, cancellationToken);
        // Store and reload as the caller does, so every test also proves the session survives JSON.
        Session = BotSession.FromJson(result.Session.ToJson());
        return result;
    }

    public Task<BotTurnResult> StartAsync(string? payload = null) => SendAsync(new StartInput(payload));

    public Task<BotTurnResult> TextAsync(string text) => SendAsync(new TextInput(text));

    public Task<BotTurnResult> PressAsync(string payload) => SendAsync(new ButtonPressInput(payload));
}
