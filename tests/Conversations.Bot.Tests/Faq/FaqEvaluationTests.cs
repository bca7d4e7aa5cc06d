using Conversations.Abstractions.Bot;
using Conversations.Bot.Faq;

namespace Conversations.Bot.Tests.Faq;

public sealed class FaqEvaluationTests
{
    [Fact]
    public void The_figures_count_right_wrong_and_handed_over_answers()
    {
        var entries = new[]
        {
            new FaqEntry("delivery", ["Сколько стоит доставка?"], "299 ₽"),
            new FaqEntry("returns", ["Как вернуть товар?"], "14 дней"),
        };
        var questions = new[]
        {
            new LabelledQuestion("Сколько стоит доставка?", "delivery"), // exact: answered right
            new LabelledQuestion("Как вернуть товар?", "delivery"),      // exact but mislabelled: answered wrong
            new LabelledQuestion("Как вернуть товар?", "returns"),       // answered right
            new LabelledQuestion("абракадабра", null),                   // nothing matches: handed over
        };

        var report = FaqEvaluation.Run(entries, questions, threshold: 0.9);

        Assert.Equal(3, report.InScopeCount);
        Assert.Equal(1, report.OutOfScopeCount);
        Assert.Equal(2.0 / 3, report.At.Precision, 6);
        Assert.Equal(2.0 / 3, report.At.Recall, 6);
        Assert.Equal(1.0, report.At.OutOfScopeHandedOver, 6);
        Assert.Equal(3.0 / 4, report.At.AnsweredShare, 6);
        Assert.Equal(2.0 / 3, report.TopHitRate, 6);
        var wrong = Assert.Single(report.WrongAnswers);
        Assert.Equal("returns", wrong.Match.Entry?.Id);
    }

    [Fact]
    public void The_shop_set_is_answered_precisely_and_out_of_scope_questions_are_handed_over()
    {
        var report = FaqEvaluation.Run(SampleKnowledgeBase.LoadShopEntries(), SampleKnowledgeBase.LoadShopQuestions());

        // Floors under the measured figures (see the report), so a change that makes the matcher worse fails here.
        Assert.True(report.At.Precision >= 0.88, report.ToConsoleReport());
        Assert.True(report.At.OutOfScopeHandedOver >= 0.9, report.ToConsoleReport());
        Assert.True(report.At.Recall >= 0.5, report.ToConsoleReport());
        Assert.True(report.TopHitRate >= 0.8, report.ToConsoleReport());
    }

    [Fact]
    public void The_sweep_trades_answers_for_precision_as_the_threshold_rises()
    {
        var report = FaqEvaluation.Run(SampleKnowledgeBase.LoadShopEntries(), SampleKnowledgeBase.LoadShopQuestions());

        Assert.Equal(19, report.Sweep.Count);
        Assert.Equal(0.05, report.Sweep[0].Threshold, 6);
        Assert.Equal(0.95, report.Sweep[^1].Threshold, 6);
        for (var i = 1; i < report.Sweep.Count; i++)
        {
            Assert.True(report.Sweep[i].AnsweredShare <= report.Sweep[i - 1].AnsweredShare);
            Assert.True(report.Sweep[i].OutOfScopeHandedOver >= report.Sweep[i - 1].OutOfScopeHandedOver);
        }

        Assert.True(report.Sweep[^1].Precision > report.Sweep[0].Precision);
    }

    [Fact]
    public void The_console_report_shows_the_headline_figures_and_the_sweep()
    {
        var report = FaqEvaluation.Run(SampleKnowledgeBase.LoadShopEntries(), SampleKnowledgeBase.LoadShopQuestions());

        var text = report.ToConsoleReport();

        Assert.Contains($"{report.InScopeCount} in-scope and {report.OutOfScopeCount} out-of-scope questions", text, StringComparison.Ordinal);
        Assert.Contains("precision when answering", text, StringComparison.Ordinal);
        Assert.Contains("     0.50", text, StringComparison.Ordinal);
    }
}
