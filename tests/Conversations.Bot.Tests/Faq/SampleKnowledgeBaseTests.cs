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

    [Fact]
    public void A_knowledge_base_in_the_same_format_can_be_read_from_a_stream()
    {
        using var json = new MemoryStream("""{ "entries": [ { "id": "hours", "questions": ["Когда вы работаете?"], "answer": "9–21" } ] }"""u8.ToArray());

        var entry = Assert.Single(SampleKnowledgeBase.ReadEntries(json));

        Assert.Equal(new FaqEntry("hours", entry.Questions, "9–21"), entry);
        Assert.Equal(["Когда вы работаете?"], entry.Questions);
    }
}
