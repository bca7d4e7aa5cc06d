using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Messages;
using Conversations.Bot.Engine;

namespace Conversations.Bot.Tests.Engine;

public sealed class BotInputTests
{
    public static TheoryData<MessageContent, BotInput> Messages => new()
    {
        { new TextContent("/start"), new StartInput() },
        { new TextContent("  /start   ref-42 "), new StartInput("ref-42") },
        { new TextContent("/start@shop_bot promo"), new StartInput("promo") },
        { new TextContent("/started"), new TextInput("/started") },
        { new TextContent("Привет"), new TextInput("Привет") },
        { new ButtonPressContent("main#1", "Каталог"), new ButtonPressInput("main#1", "Каталог") },
        { new ContactContent("+79991234567", "Анна", null, "42"), new ContactSharedInput("+79991234567") },
        { new UnsupportedContent("voice"), new UnsupportedInput("voice") },
        { new ImageContent(null, "file-1", "посмотрите"), new UnsupportedInput("image") },
        { new LocationContent(55.75, 37.62), new UnsupportedInput("location") },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void A_customer_message_becomes_the_matching_input(MessageContent content, BotInput expected)
    {
        Assert.Equal(expected, BotInput.FromMessage(content));
    }
}
