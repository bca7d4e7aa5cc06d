using Conversations.Abstractions.Bot;
using Conversations.Bot.Templates;

namespace Conversations.Bot.Tests.Templates;

public sealed class TemplateValueSanitizerTests
{
    [Theory]
    [InlineData("обычный текст", "обычный текст")]
    [InlineData("  в\r\nдве\tстроки  ", "в две строки")]
    [InlineData("звонок\u0007\u0000", "звонок")]
    [InlineData("abc\u202Egpj.exe", "abcgpj.exe")]
    [InlineData("<b>*жирный*</b>", "<b>*жирный*</b>")]
    public void Control_and_bidi_characters_go_and_markup_stays_literal(string value, string expected)
    {
        Assert.Equal(expected, TemplateValueSanitizer.Sanitize(value));
    }

    [Fact]
    public void A_long_value_is_capped_with_an_ellipsis()
    {
        var sanitized = TemplateValueSanitizer.Sanitize(new string('я', 500));

        Assert.Equal(TemplateValueSanitizer.MaxValueLength, sanitized.Length);
        Assert.EndsWith("…", sanitized, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cut_never_splits_an_emoji()
    {
        var sanitized = TemplateValueSanitizer.Sanitize("ab😀😀", maxLength: 4);

        Assert.Equal("ab…", sanitized);
    }
}
