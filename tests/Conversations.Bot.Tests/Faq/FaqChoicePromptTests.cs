using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Messages;
using Conversations.Bot.Faq;

namespace Conversations.Bot.Tests.Faq;

/// <summary>"Did you mean …?" as the customer sees it and reads back: buttons or numbered lines, and which choice a reply picks.</summary>
public sealed class FaqChoicePromptTests
{
    private static readonly FaqEntry[] Offered =
    [
        new("card-block", ["How do I block my card?"], "Block it in the app."),
        new("card-freeze", ["How do I freeze my card?"], "Freeze it in the app."),
    ];

    private static readonly string[] Labels = [.. Offered.Select(FaqChoicePrompt.LabelOf)];

    [Fact]
    public void On_a_channel_with_buttons_the_entries_and_none_of_these_are_buttons_with_short_payloads()
    {
        var prompt = FaqChoicePrompt.Render("Did you mean?", Offered, "None of these", ChannelCatalog.For(ChannelKind.Telegram), "Reply with a number.");

        Assert.Equal("Did you mean?", prompt.Text);
        Assert.Equal(["How do I block my card?", "How do I freeze my card?", "None of these"], prompt.Buttons!.Select(b => b.Label));
        Assert.All(prompt.Buttons!, b => Assert.True(b.Payload!.Length <= 64));
    }

    [Fact]
    public void On_a_channel_without_buttons_the_choices_are_numbered_lines_with_the_hint()
    {
        var prompt = FaqChoicePrompt.Render("Did you mean?", Offered, "None of these", ChannelCatalog.For(ChannelKind.Email), "Reply with a number.");

        Assert.Null(prompt.Buttons);
        Assert.Equal("Did you mean?\n\n1. How do I block my card?\n2. How do I freeze my card?\n3. None of these\n\nReply with a number.", prompt.Text);
    }

    [Fact]
    public void A_press_a_number_or_the_label_picks_an_entry_none_of_these_is_none_and_anything_else_is_no_answer()
    {
        var buttons = FaqChoicePrompt.Render("?", Offered, "None of these", ChannelCatalog.For(ChannelKind.Telegram), "").Buttons!;

        Assert.Equal(1, FaqChoicePrompt.Read(new ButtonPressContent(buttons[1].Payload!), Labels, "None of these"));
        Assert.Equal(1, FaqChoicePrompt.Read(new TextContent("2"), Labels, "None of these"));
        Assert.Equal(0, FaqChoicePrompt.Read(new TextContent("how do i block my card"), Labels, "None of these"));
        Assert.Equal(FaqChoicePrompt.None, FaqChoicePrompt.Read(new ButtonPressContent(buttons[2].Payload!), Labels, "None of these"));
        Assert.Equal(FaqChoicePrompt.None, FaqChoicePrompt.Read(new TextContent("3"), Labels, "None of these"));
        Assert.Null(FaqChoicePrompt.Read(new TextContent("what are your opening hours"), Labels, "None of these"));
        Assert.Null(FaqChoicePrompt.Read(new TextContent("4"), Labels, "None of these"));
    }
}
