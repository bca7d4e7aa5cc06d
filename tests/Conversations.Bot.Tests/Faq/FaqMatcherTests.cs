using Conversations.Abstractions.Bot;
using Conversations.Bot.Faq;

namespace Conversations.Bot.Tests.Faq;

public sealed class FaqMatcherTests
{
    private static readonly FaqMatcher Shop = new(SampleKnowledgeBase.LoadShopEntries());

    private static readonly FaqMatcher Small = new(
    [
        new FaqEntry("order-status", ["Где мой заказ?", "Where is my order?"], "Статус заказа — в личном кабинете."),
        new FaqEntry("delivery-cost", ["Сколько стоит доставка?", "How much is shipping?"], "Доставка — 299 ₽."),
        new FaqEntry("returns", ["Как вернуть товар?", "How do I return an item?"], "Возврат — 14 дней."),
    ]);

    [Theory]
    [InlineData("заказа нет уже неделю, где он?", "order-status")]
    [InlineData("статус моего заказа", "order-status")]
    [InlineData("стоимость доставки", "delivery-cost")]
    [InlineData("возвратом товаров занимаетесь?", "returns")]
    public void Russian_inflected_forms_find_the_entry(string question, string expected)
    {
        var match = Small.Match(question);

        Assert.Equal(expected, match.Entry?.Id);
    }

    [Theory]
    [InlineData("доствка сколько стоит", "delivery-cost")]
    [InlineData("вазврат тавара", "returns")]
    [InlineData("где мой закза", "order-status")]
    public void Typos_still_find_the_entry(string question, string expected)
    {
        Assert.Equal(expected, Small.Match(question).Entry?.Id);
    }

    [Theory]
    [InlineData("WHERE IS MY ORDER", "order-status")]
    [InlineData("how much does shipping cost", "delivery-cost")]
    [InlineData("returning items", "returns")]
    public void English_questions_in_any_case_find_the_entry(string question, string expected)
    {
        Assert.Equal(expected, Small.Match(question).Entry?.Id);
    }

    [Fact]
    public void A_close_paraphrase_is_answered_with_confidence_above_the_default_threshold()
    {
        var match = Shop.Match("Сколько дней идёт доставка в Москву?");

        Assert.Equal("delivery-time", match.Entry?.Id);
        Assert.True(match.IsConfident(FaqMatcher.DefaultThreshold), $"confidence {match.Confidence}");
        Assert.NotEqual(match.Entry, match.RunnerUp);
        Assert.True(match.RunnerUpConfidence <= match.Confidence);
    }

    [Theory]
    [InlineData("Какая завтра погода?")]
    [InlineData("расскажи анекдот")]
    [InlineData("сколько стоит билет в кино")]
    [InlineData("what is the capital of France?")]
    public void Out_of_scope_questions_stay_below_the_default_threshold(string question)
    {
        var match = Shop.Match(question);

        Assert.False(match.IsConfident(FaqMatcher.DefaultThreshold), $"{match.Entry?.Id} at {match.Confidence}");
    }

    [Theory]
    [InlineData("")]
    [InlineData("и в на")]
    [InlineData("?!")]
    public void A_question_without_words_matches_nothing(string question)
    {
        var match = Shop.Match(question);

        Assert.Null(match.Entry);
        Assert.Equal(0, match.Confidence);
    }

    [Fact]
    public void Confidence_is_between_zero_and_one_and_an_exact_variant_is_near_one()
    {
        var exact = Small.Match("Как вернуть товар?");

        Assert.Equal("returns", exact.Entry?.Id);
        Assert.InRange(exact.Confidence, 0.95, 1.0);
        Assert.All(SampleKnowledgeBase.LoadShopQuestions(), q => Assert.InRange(Shop.Match(q.Text).Confidence, 0.0, 1.0));
    }

    [Fact]
    public void One_matcher_answers_many_threads_at_once_as_it_answers_one()
    {
        var questions = SampleKnowledgeBase.LoadShopQuestions().Select(q => q.Text).ToList();
        var sequential = questions.Select(q => Shop.Match(q)).ToList();

        var parallel = new FaqMatch[questions.Count];
        Parallel.For(0, questions.Count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i] = Shop.Match(questions[i]));

        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public void Duplicate_entry_ids_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new FaqMatcher([new FaqEntry("a", ["x"], "1"), new FaqEntry("a", ["y"], "2")]));

        Assert.Contains("'a'", error.Message, StringComparison.Ordinal);
    }
}
