using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Messages;
using Conversations.Persistence.Reports;

namespace Conversations.Persistence.Tests.Reports;

/// <summary>The report definitions, one history at a time (README, "Numbers for the business").</summary>
public sealed class ConversationFactsBuilderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 10, 42, 7, TimeSpan.Zero);
    private static readonly Guid Tenant = Guid.NewGuid();
    private static readonly Guid Conversation = Guid.NewGuid();
    private static readonly Guid Olga = Guid.NewGuid();

    [Fact]
    public void A_conversation_never_handed_over_is_contained_and_counted_in_the_utc_hour_it_started_under_its_first_channel_and_entry_point()
    {
        var facts = Build(
            Customer("/start spring_sale", 0, ChannelKind.Telegram),
            Bot("Hi", 1),
            Customer("price?", 30, ChannelKind.Telegram),
            Bot("10 EUR", 31));

        Assert.Null(facts.Handoff);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero), facts.Hour);
        Assert.Equal((short)ChannelKind.Telegram, facts.Channel);
        Assert.Equal("spring_sale", facts.EntryPoint);
        Assert.Equal((2, 2, 0), (facts.CustomerMessages, facts.BotMessages, facts.OperatorMessages));
        Assert.Null(facts.ResolutionSeconds);
        Assert.Equal(1, ReportFigures.Of(facts)[ReportFigures.Contained]);
    }

    [Fact]
    public void The_wait_runs_from_the_handoff_to_the_take_and_the_first_response_from_the_handoff_to_the_first_operator_message()
    {
        var facts = Build(
            Customer("hello", 0),
            Event(new EventContent(ConversationEventKind.OperatorRequested, "asked", Cause: HandoffCause.Asked), 10),
            Event(new EventContent(ConversationEventKind.LiveChatStarted, "Olga", Olga), 100),
            Operator("Hi, Olga here", 130),
            Operator("Anything else?", 400),
            Event(new EventContent(ConversationEventKind.ConversationClosed, "closed by the operator", Olga), 500));

        Assert.Equal(HandoffCause.Asked, facts.Handoff);
        Assert.True(facts.Taken);
        Assert.False(facts.Abandoned);
        Assert.Equal(Olga, facts.OperatorId);
        Assert.Equal(90, facts.WaitSeconds);
        Assert.Equal(120, facts.FirstResponseSeconds);
        Assert.Equal(500, facts.ResolutionSeconds);
        Assert.Equal(400, facts.HandlingSeconds); // the take at 100 to the close at 500
        Assert.Equal(2, facts.OperatorMessages);
    }

    [Fact]
    public void Handling_runs_from_the_first_take_to_that_operators_release_or_transfer_and_is_unknown_while_they_still_have_the_chat()
    {
        var asked = Event(new EventContent(ConversationEventKind.OperatorRequested, "asked", Cause: HandoffCause.Asked), 10);
        var taken = Event(new EventContent(ConversationEventKind.LiveChatStarted, "Olga", Olga), 100);

        var released = Build(Customer("hello", 0), asked, taken, Operator("Hi", 130),
            Event(new EventContent(ConversationEventKind.LiveChatReleased, "back to the bot", Olga), 700),
            Event(new EventContent(ConversationEventKind.ConversationClosed, "closed"), 2000));
        var transferred = Build(Customer("hello", 0), asked, taken,
            Event(new EventContent(ConversationEventKind.LiveChatTransferred, "to billing", Olga), 250),
            Event(new EventContent(ConversationEventKind.ConversationClosed, "closed"), 900));
        var stillLive = Build(Customer("hello", 0), asked, taken, Operator("Hi", 130));
        var neverTaken = Build(Customer("hello", 0), asked, Event(new EventContent(ConversationEventKind.ConversationClosed, "closed"), 300));

        Assert.Equal(600, released.HandlingSeconds);
        Assert.Equal(150, transferred.HandlingSeconds);
        Assert.Null(stillLive.HandlingSeconds);
        Assert.Null(neverTaken.HandlingSeconds);
        Assert.Equal(1, ReportFigures.Of(released)[ReportFigures.Handled]);
        Assert.Equal(600, ReportFigures.Of(released)[ReportFigures.HandlingSum]);
        Assert.Equal(0, ReportFigures.Of(stillLive)[ReportFigures.Handled]);
    }

    [Fact]
    public void Only_the_first_handoff_counts_and_a_handoff_before_causes_were_recorded_counts_as_other()
    {
        var facts = Build(
            Customer("hello", 0),
            Event(new EventContent(ConversationEventKind.OperatorRequested, "old event"), 5),
            Event(new EventContent(ConversationEventKind.LiveChatStarted, "Olga", Olga), 65),
            Event(new EventContent(ConversationEventKind.OperatorRequested, "back to queue", Cause: HandoffCause.Operator), 200));

        Assert.Equal(HandoffCause.Other, facts.Handoff);
        Assert.Equal(60, facts.WaitSeconds);
        Assert.Null(facts.FirstResponseSeconds);
    }

    [Fact]
    public void Closed_while_waiting_is_abandoned_with_no_wait_counted_and_still_waiting_is_neither()
    {
        var closed = Build(
            Customer("hello", 0),
            Event(new EventContent(ConversationEventKind.OperatorRequested, "gave up", Cause: HandoffCause.BotGaveUp), 5),
            Event(new EventContent(ConversationEventKind.ConversationClosed, "closed: the customer stayed silent"), 905));
        var waiting = Build(
            Customer("hello", 0),
            Event(new EventContent(ConversationEventKind.OperatorRequested, "gave up", Cause: HandoffCause.BotGaveUp), 5));

        Assert.True(closed.Abandoned);
        Assert.Null(closed.WaitSeconds);
        Assert.Equal(905, closed.ResolutionSeconds);
        Assert.False(waiting.Abandoned);
        Assert.False(waiting.Taken);
        Assert.Equal(HandoffCause.BotGaveUp, waiting.Handoff);
    }

    [Fact]
    public void An_operator_who_takes_a_chat_nobody_asked_for_steps_in_with_no_wait()
    {
        var facts = Build(
            Customer("hello", 0),
            Event(new EventContent(ConversationEventKind.LiveChatStarted, "Olga", Olga), 50),
            Operator("Can I help?", 70));

        Assert.Equal(HandoffCause.Operator, facts.Handoff);
        Assert.Equal(0, facts.WaitSeconds);
        Assert.Equal(20, facts.FirstResponseSeconds);
    }

    [Fact]
    public void A_survey_counts_as_offered_and_its_first_score_as_the_answer_satisfied_in_the_top_quarter_of_its_scale()
    {
        var facts = Build(
            Customer("hello", 0),
            Event(new EventContent(ConversationEventKind.SurveyOffered, "rate"), 1),
            Event(new EventContent(ConversationEventKind.SurveyAnswered, "rate: 8", Score: new SurveyScore("rate", 8, 0, 10)), 2),
            Event(new EventContent(ConversationEventKind.SurveyAnswered, "rate: 1", Score: new SurveyScore("rate", 1, 0, 10)), 3));
        var unhappy = Build(
            Customer("hello", 0),
            Event(new EventContent(ConversationEventKind.SurveyAnswered, "rate: 3", Score: new SurveyScore("rate", 3, 1, 5)), 2));

        Assert.True(facts.SurveyOffered);
        Assert.Equal(8, facts.Score);
        var figures = ReportFigures.Of(facts);
        Assert.Equal(1, figures[ReportFigures.Satisfied]);
        Assert.Equal(1, figures[ReportFigures.ScoreHistogram + 8]);
        Assert.Equal(0, ReportFigures.Of(unhappy)[ReportFigures.Satisfied]);
        Assert.True(unhappy.SurveyOffered);
    }

    [Fact]
    public void An_empty_history_has_no_facts() =>
        Assert.Null(ConversationFactsBuilder.From(Tenant, Conversation, []));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(5, 0)]
    [InlineData(6, 1)]
    [InlineData(60, 6)]
    [InlineData(61, 7)]
    [InlineData(10_000_000, 28)]
    public void A_duration_falls_in_the_first_bucket_whose_upper_bound_holds_it(long seconds, int bucket) =>
        Assert.Equal(bucket, DurationBuckets.Of(seconds));

    [Fact]
    public void A_quantile_is_the_upper_bound_of_the_bucket_holding_its_nearest_rank()
    {
        var counts = new long[DurationBuckets.UpperBounds.Count];
        counts[DurationBuckets.Of(60)] = 10;
        counts[DurationBuckets.Of(240)] = 10;

        Assert.Equal(60, DurationBuckets.Quantile(counts, 0.5));
        Assert.Equal(240, DurationBuckets.Quantile(counts, 0.9));
        Assert.Null(DurationBuckets.Quantile(new long[DurationBuckets.UpperBounds.Count], 0.5));
    }

    private static ConversationFacts Build(params ChatMessage[] history) =>
        ConversationFactsBuilder.From(Tenant, Conversation, [.. history.Select((m, i) => m with { Seq = i + 1 })])!;

    private static ChatMessage Customer(string text, int second, ChannelKind channel = ChannelKind.Widget) =>
        new(Guid.NewGuid(), Conversation, 0, MessageDirection.Customer, new TextContent(text), channel, null, null, T0.AddSeconds(second));

    private static ChatMessage Bot(string text, int second) =>
        new(Guid.NewGuid(), Conversation, 0, MessageDirection.Bot, new TextContent(text), ChannelKind.Widget, null, null, T0.AddSeconds(second));

    private static ChatMessage Operator(string text, int second) =>
        new(Guid.NewGuid(), Conversation, 0, MessageDirection.Operator, new TextContent(text), ChannelKind.Widget, null, Olga, T0.AddSeconds(second));

    private static ChatMessage Event(EventContent content, int second) =>
        new(Guid.NewGuid(), Conversation, 0, MessageDirection.System, content, null, null, content.OperatorId, T0.AddSeconds(second));
}
