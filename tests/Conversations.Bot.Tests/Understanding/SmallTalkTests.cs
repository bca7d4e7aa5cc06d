using Conversations.Bot.Understanding;

namespace Conversations.Bot.Tests.Understanding;

public sealed class SmallTalkTests
{
    [Theory]
    [InlineData("Привет!", SmallTalkIntent.Greeting)]
    [InlineData("Здравствуйте", SmallTalkIntent.Greeting)]
    [InlineData("добрый день", SmallTalkIntent.Greeting)]
    [InlineData("Hi there", SmallTalkIntent.Greeting)]
    [InlineData("Good morning!", SmallTalkIntent.Greeting)]
    [InlineData("Спасибо большое!", SmallTalkIntent.Thanks)]
    [InlineData("спс", SmallTalkIntent.Thanks)]
    [InlineData("Thank you very much", SmallTalkIntent.Thanks)]
    [InlineData("ok thanks", SmallTalkIntent.Thanks)]
    [InlineData("До свидания", SmallTalkIntent.Goodbye)]
    [InlineData("спасибо, пока", SmallTalkIntent.Goodbye)]
    [InlineData("Bye!", SmallTalkIntent.Goodbye)]
    [InlineData("Да", SmallTalkIntent.Yes)]
    [InlineData("да, давайте", SmallTalkIntent.Yes)]
    [InlineData("Yes please", SmallTalkIntent.Yes)]
    [InlineData("нет", SmallTalkIntent.No)]
    [InlineData("нет, спасибо", SmallTalkIntent.No)]
    [InlineData("No thank you", SmallTalkIntent.No)]
    [InlineData("Позовите оператора, пожалуйста", SmallTalkIntent.Operator)]
    [InlineData("хочу поговорить с живым человеком", SmallTalkIntent.Operator)]
    [InlineData("operator please", SmallTalkIntent.Operator)]
    [InlineData("Can I talk to a human?", SmallTalkIntent.Operator)]
    [InlineData("привет, оператора", SmallTalkIntent.Operator)]
    public void A_short_social_message_is_recognised_as_what_it_means(string text, SmallTalkIntent expected)
    {
        var match = SmallTalk.Recognize(text);

        Assert.Equal(expected, match.Intent);
        Assert.True(match.IsWholeMessage);
    }

    [Theory]
    [InlineData("Сколько стоит доставка?")]
    [InlineData("да у меня не работает интернет")]
    [InlineData("How much does a human-sized box cost")]
    [InlineData("нет интернета")]
    [InlineData("thanks for nothing, where is my order")]
    [InlineData("")]
    public void A_question_is_not_small_talk(string text)
    {
        Assert.False(SmallTalk.Recognize(text).IsWholeMessage);
    }

    [Theory]
    [InlineData("Здравствуйте! Сколько стоит доставка?", "сколько стоит доставка")]
    [InlineData("Hi, where is my order?", "where is my order")]
    [InlineData("Добрый день, подскажите график работы", "подскажите график работы")]
    public void A_greeting_in_front_of_a_question_gives_the_question_back(string text, string question)
    {
        var match = SmallTalk.Recognize(text);

        Assert.Equal(SmallTalkIntent.Greeting, match.Intent);
        Assert.Equal(question, match.Question);
    }

    [Fact]
    public void A_long_message_of_greetings_is_not_taken_as_small_talk()
    {
        Assert.False(SmallTalk.Recognize("привет привет привет привет привет привет привет привет привет").IsWholeMessage);
    }
}
