using Conversations.Abstractions.Tenants;
using Conversations.Grains.Conversations;

namespace Conversations.Grains.Tests;

/// <summary>The runtime's detector of a customer asking for a human, by the tenant's keywords.</summary>
public sealed class HandoffKeywordsTests
{
    private static readonly IReadOnlyList<string> Keywords = ["оператор", "человек", "operator", "human", "агент", "agent"];

    [Theory]
    [InlineData("Позовите оператора!")]
    [InlineData("Человека!")]
    [InlineData("хочу поговорить с человеком")]
    [InlineData("ОПЕРАТОР")]
    [InlineData("соедините с агентом")]
    [InlineData("can I talk to a human?")]
    [InlineData("agents please")]
    [InlineData("Operator")]
    public void Requests_for_a_human_are_detected_in_any_inflected_form(string text) =>
        Assert.True(HandoffKeywords.Match(text, Keywords));

    [Theory]
    [InlineData("Где мой заказ?")]
    [InlineData("What are your operating hours?")]
    [InlineData("Сколько стоит доставка")]
    [InlineData("")]
    [InlineData("   ")]
    public void Ordinary_questions_are_not_requests_for_a_human(string text) =>
        Assert.False(HandoffKeywords.Match(text, Keywords));

    [Fact]
    public void A_tenant_can_use_its_own_keywords()
    {
        IReadOnlyList<string> own = ["менеджер", "консультант"];

        Assert.True(HandoffKeywords.Match("Дайте менеджера", own));
        Assert.True(HandoffKeywords.Match("нужна консультанту помощь", own));
        Assert.False(HandoffKeywords.Match("Позовите оператора", own));
    }

    [Fact]
    public void The_default_keywords_catch_the_usual_requests() =>
        Assert.True(HandoffKeywords.Match("Позовите оператора, пожалуйста", TenantSettings.Default.HandoffKeywords));

    [Fact]
    public void A_long_message_that_mentions_an_operator_describes_a_problem_and_is_left_to_the_bot() =>
        Assert.False(HandoffKeywords.Match("Вчера оператор сказал, что заказ приедет сегодня, " + new string('а', 200), Keywords));
}
