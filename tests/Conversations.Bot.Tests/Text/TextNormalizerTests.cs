using Conversations.Abstractions.Bot;
using Conversations.Bot.Text;

namespace Conversations.Bot.Tests.Text;

public sealed class TextNormalizerTests
{
    [Fact]
    public void Russian_word_forms_share_one_stem()
    {
        var stems = new[] { "заказ", "заказа", "заказом", "Заказы", "ЗАКАЗОВ" }.Select(w => Assert.Single(TextNormalizer.Terms(w))).Distinct();

        Assert.Single(stems);
    }

    [Fact]
    public void Yo_is_read_as_ye_and_stop_words_are_dropped()
    {
        Assert.Equal(TextNormalizer.Terms("ещё вернёте"), TextNormalizer.Terms("еще вернете"));
        Assert.Equal(TextNormalizer.Terms("товар"), TextNormalizer.Terms("где мой товар"));
        Assert.Equal(TextNormalizer.Terms("order"), TextNormalizer.Terms("where is my order"));
    }

    [Fact]
    public void English_plurals_are_folded_but_operating_stays_apart_from_operator()
    {
        Assert.Equal(TextNormalizer.Terms("order"), TextNormalizer.Terms("orders"));
        Assert.NotEqual(TextNormalizer.Terms("operator"), TextNormalizer.Terms("operating"));
    }
}
