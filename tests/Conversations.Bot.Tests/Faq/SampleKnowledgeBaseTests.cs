using Conversations.Abstractions.Bot;
using Conversations.Bot.Faq;

namespace Conversations.Bot.Tests.Faq;

public sealed class SampleKnowledgeBaseTests
{
    [Fact]
    public void The_shop_set_ships_entries_and_labelled_questions_that_refer_to_them()
    {
        var entries = SampleKnowledgeBase.LoadShopEntries();
        var questions = SampleKnowledgeBase.LoadShopQuestions();

        Assert.InRange(entries.Count, 15, 25);
        Assert.All(entries, e => Assert.NotEmpty(e.Questions));
        Assert.True(questions.Count(q => q.IsInScope) >= 120);
        Assert.True(questions.Count(q => !q.IsInScope) >= 40);
        var ids = entries.Select(e => e.Id).ToHashSet();
        Assert.All(questions.Where(q => q.IsInScope), q => Assert.Contains(q.ExpectedEntryId!, ids));
    }

    [Theory]
    [InlineData("isp-ru")]
    [InlineData("electronics-en")]
    public void The_own_sets_have_thirty_entries_and_labelled_tuning_and_held_out_questions(string set)
    {
        var ids = SampleKnowledgeBase.LoadEntries(set).Select(e => e.Id).ToHashSet();
        var tune = SampleKnowledgeBase.LoadQuestions(set);
        var heldOut = SampleKnowledgeBase.LoadQuestions(set, heldOut: true);

        Assert.True(ids.Count >= 30, $"{ids.Count} entries");
        Assert.True(tune.Count + heldOut.Count >= 150, $"{tune.Count} + {heldOut.Count} questions");
        Assert.True(heldOut.Count >= 40, $"{heldOut.Count} held-out questions");
        Assert.All(tune.Concat(heldOut), q => Assert.True(q.ExpectedEntryId is null || ids.Contains(q.ExpectedEntryId), q.Text));
        Assert.True(tune.Count(q => !q.IsInScope) >= 25 && heldOut.Count(q => !q.IsInScope) >= 8);
        // The held-out part is not a copy of the tuning part.
        Assert.Empty(tune.Select(q => q.Text).Intersect(heldOut.Select(q => q.Text), StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void An_unknown_set_name_is_refused_with_the_known_names()
    {
        var error = Assert.Throws<ArgumentException>(() => SampleKnowledgeBase.LoadEntries("nope"));

        Assert.Contains("isp-ru", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Labelled_questions_in_the_same_format_can_be_read_from_a_stream()
    {
        using var json = new MemoryStream("""{ "questions": [ { "text": "часы работы", "expected": "hours" }, { "text": "погода", "expected": "none" } ] }"""u8.ToArray());

        var questions = SampleKnowledgeBase.ReadQuestions(json);

        Assert.Equal([new LabelledQuestion("часы работы", "hours"), new LabelledQuestion("погода", null)], questions);
    }

    [Fact]
    public void A_knowledge_base_in_the_same_format_can_be_read_from_a_stream()
    {
        using var json = new MemoryStream("""{ "entries": [ { "id": "hours", "questions": ["Когда вы работаете?"], "answer": "9–21" } ] }"""u8.ToArray());

        var entry = Assert.Single(SampleKnowledgeBase.ReadEntries(json));

        Assert.Equal(new FaqEntry("hours", entry.Questions, "9–21"), entry);
        Assert.Equal(["Когда вы работаете?"], entry.Questions);
    }
}
