using Conversations.Channels.Rendering;

namespace Conversations.Channels.Tests.Rendering;

public sealed class TextSplitterTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \n ")]
    public void An_empty_text_is_sent_as_an_ellipsis_never_as_an_empty_message(string? text) =>
        Assert.Equal([TextSplitter.Empty], TextSplitter.Split(text, 10));

    [Fact]
    public void A_text_within_the_limit_is_one_part() =>
        Assert.Equal(["short"], TextSplitter.Split("short", 10));

    [Fact]
    public void A_long_text_is_cut_at_a_line_break_in_the_second_half_of_the_limit()
    {
        var parts = TextSplitter.Split("first line\nsecond line", 15);

        Assert.Equal(["first line", "second line"], parts);
    }

    [Fact]
    public void Without_a_line_break_a_long_text_is_cut_at_the_limit_and_every_part_fits()
    {
        var text = new string('x', 25);

        var parts = TextSplitter.Split(text, 10);

        Assert.Equal([10, 10, 5], parts.Select(p => p.Length));
        Assert.Equal(text, string.Concat(parts));
    }

    [Fact]
    public void An_emoji_at_the_cut_is_never_split_in_half()
    {
        var text = new string('x', 9) + "😀" + "tail"; // the emoji's two UTF-16 units straddle the 10th position

        var parts = TextSplitter.Split(text, 10);

        Assert.Equal(new string('x', 9), parts[0]);
        Assert.StartsWith("😀", parts[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Line_breaks_left_at_the_end_do_not_become_an_empty_message()
    {
        var parts = TextSplitter.Split("0123456789\n\n", 10);

        Assert.Equal(["0123456789"], parts);
    }
}
