using Conversations.Abstractions.Customers;
using Conversations.Bot.Engine;
using Conversations.Bot.Tests.Support;

namespace Conversations.Bot.Tests.Engine;

/// <summary>A website visitor's made-up name ("Посетитель 4F2A") is no name: <c>{customer.name|…}</c> falls back until a real one is known.</summary>
public sealed class GeneratedNameTests
{
    private const string Json = """
        { "start": "hi", "steps": [ { "id": "hi", "kind": "end", "text": "Здравствуйте, {customer.name|гость}!" } ] }
        """;

    [Theory]
    [InlineData(true, "Здравствуйте, гость!")]
    [InlineData(false, "Здравствуйте, Посетитель 4F2A!")]
    public async Task The_name_placeholder_falls_back_while_the_name_is_only_generated(bool generated, string expected)
    {
        var profile = new CustomerProfile(Guid.NewGuid(), Guid.NewGuid(), "Посетитель 4F2A", null, [], [], [], [], new Dictionary<string, string>(), null,
            DateTimeOffset.UnixEpoch, NameGenerated: generated);
        var bot = new BotHarness(TestScenarios.Parse(Json), context: BotContext.For(profile, TestChannels.Telegram));

        var result = await bot.StartAsync();

        Assert.Equal([expected], result.Texts());
    }
}
