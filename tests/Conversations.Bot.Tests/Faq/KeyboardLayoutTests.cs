using Conversations.Bot.Text;

namespace Conversations.Bot.Tests.Faq;

public sealed class KeyboardLayoutTests
{
    [Theory]
    [InlineData("ghbdtn", "привет")]
    [InlineData(",fkfyc", "баланс")]
    [InlineData("fdnjgkfnt;", "автоплатеж")]
    [InlineData("Ntktajy", "телефон")]
    public void Russian_typed_on_the_English_layout_is_read_back(string typed, string meant)
    {
        Assert.True(KeyboardLayout.LooksLikeLatinSlip(typed));
        Assert.Equal(meant, KeyboardLayout.ToCyrillic(typed));
    }

    [Theory]
    [InlineData("куагтв", "refund")]
    [InlineData("зфыыцщкв", "password")]
    public void English_typed_on_the_Russian_layout_is_read_back(string typed, string meant)
    {
        Assert.True(KeyboardLayout.LooksLikeCyrillicSlip(typed));
        Assert.Equal(meant, KeyboardLayout.ToLatin(typed));
    }

    [Theory]
    [InlineData("podklyuchit", "подключит")]
    [InlineData("shchuka", "щука")]
    [InlineData("zhena", "жена")]
    [InlineData("balans", "баланс")]
    public void Latin_transliteration_is_read_as_Cyrillic(string latin, string cyrillic)
    {
        Assert.True(Transliteration.IsLatinWord(latin));
        Assert.Equal(cyrillic, Transliteration.ToCyrillic(latin));
    }

    [Fact]
    public void Plain_words_are_not_taken_for_slips()
    {
        Assert.False(KeyboardLayout.LooksLikeLatinSlip("привет"));
        Assert.False(KeyboardLayout.LooksLikeCyrillicSlip("hello"));
        Assert.False(Transliteration.IsLatinWord("123"));
    }
}
