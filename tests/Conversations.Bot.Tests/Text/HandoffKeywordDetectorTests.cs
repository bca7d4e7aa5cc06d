using Conversations.Abstractions.Bot;
using Conversations.Bot.Text;

namespace Conversations.Bot.Tests.Text;

public sealed class HandoffKeywordDetectorTests
{
    [Theory]
    [InlineData("Позовите оператора!")]
    [InlineData("Человека!")]
    [InlineData("хочу поговорить с человеком")]
    [InlineData("ОПЕРАТОР")]
    [InlineData("соедините с агентом")]
    [InlineData("can I talk to a human?")]
    [InlineData("agents please")]
    [InlineData("Operator")]
    public void Requests_for_a_human_are_detected_in_any_inflected_form(string text)
    {
        Assert.True(HandoffKeywordDetector.Default.IsHandoffRequest(text));
    }

    [Theory]
    [InlineData("Где мой заказ?")]
    [InlineData("What are your operating hours?")]
    [InlineData("Сколько стоит доставка")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Ordinary_questions_are_not_requests_for_a_human(string? text)
    {
        Assert.False(HandoffKeywordDetector.Default.IsHandoffRequest(text));
    }

    [Fact]
    public void A_tenant_can_use_its_own_keywords()
    {
        var detector = new HandoffKeywordDetector(["менеджер", "консультант"]);

        Assert.True(detector.IsHandoffRequest("Дайте менеджера"));
        Assert.True(detector.IsHandoffRequest("нужна консультанту помощь"));
        Assert.False(detector.IsHandoffRequest("Позовите оператора"));
    }
}
