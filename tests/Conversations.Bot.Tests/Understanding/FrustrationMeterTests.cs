using Conversations.Bot.Understanding;

namespace Conversations.Bot.Tests.Understanding;

public sealed class FrustrationMeterTests
{
    private const double Threshold = 3;

    private static FrustrationReading Say(ref FrustrationState? state, string text, bool understood)
    {
        var reading = FrustrationMeter.Read(state, text, understood, Threshold);
        state = reading.State;
        return reading;
    }

    [Fact]
    public void Asking_the_same_question_again_after_a_miss_offers_a_human_and_says_why()
    {
        FrustrationState? state = null;
        Assert.False(Say(ref state, "как поменять тариф", understood: false).OfferOperator);

        var second = Say(ref state, "Как поменять тариф?", understood: false);

        Assert.True(second.OfferOperator);
        Assert.Contains("asked the same question again", second.Reason);
        Assert.Contains("missed 2 messages in a row", second.Reason);
        Assert.True(second.State.OfferOpen);
    }

    [Fact]
    public void A_negative_phrase_and_capitals_add_up_even_when_the_bot_answers()
    {
        FrustrationState? state = null;
        Assert.False(Say(ref state, "ГДЕ МОЙ ЗАКАЗ", understood: true).OfferOperator);

        var reading = Say(ref state, "ты не понимаешь", understood: true);

        Assert.True(reading.OfferOperator);
        Assert.Contains("negative phrase", reading.Reason);
        Assert.Contains("capitals", reading.Reason);
    }

    [Fact]
    public void Calm_answered_questions_never_offer_a_human()
    {
        FrustrationState? state = null;
        foreach (var question in new[] { "сколько стоит доставка", "как вернуть товар", "какие способы оплаты", "где офис", "когда вы работаете" })
        {
            Assert.False(Say(ref state, question, understood: true).OfferOperator);
        }

        Assert.Equal(0, state!.Score);
    }

    [Fact]
    public void After_an_offer_the_score_must_build_up_again_before_the_next()
    {
        FrustrationState? state = null;
        Say(ref state, "this is useless", understood: false);
        Assert.True(Say(ref state, "USELESS BOT", understood: false).OfferOperator);

        var next = Say(ref state, "hello?", understood: false);

        Assert.False(next.OfferOperator);
        Assert.False(next.State.OfferOpen);
    }

    [Fact]
    public void The_memory_of_questions_stays_bounded()
    {
        FrustrationState? state = null;
        for (var i = 0; i < 20; i++)
        {
            Say(ref state, $"question number {i} about topic{i}", understood: true);
        }

        Assert.Equal(FrustrationMeter.Remembered, state!.Recent.Count);
    }
}
