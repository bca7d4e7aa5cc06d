using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Messages;
using Conversations.Bot.Engine;

namespace Conversations.Bot.Tests.Support;

internal static class Replies
{
    public static IEnumerable<string> Texts(this BotTurnResult result) => result.Messages.Select(m => m.ToPlainText());

    public static string AllText(this BotTurnResult result) => string.Join("\n", result.Texts());

    public static TextContent LastText(this BotTurnResult result) => Assert.IsType<TextContent>(result.Messages[^1]);

    public static IReadOnlyList<Button> Buttons(this BotTurnResult result) =>
        result.Messages[^1] switch
        {
            TextContent text => text.Buttons ?? [],
            ImageContent image => image.Buttons ?? [],
            var other => throw new Xunit.Sdk.XunitException($"The last message is a {other.GetType().Name}, which has no buttons."),
        };
}
