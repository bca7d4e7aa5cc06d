using Conversations.Bot.Faq;
using Conversations.Grains.Bot.Ai;
using Conversations.Testing;
using Conversations.Testing.OpenAi;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.Grains.Tests.Ai;

/// <summary>
/// The optional AI features through the real OpenAI client and Microsoft.Extensions.AI against the OpenAI-compatible
/// stand-in: answers, citations, "don't know", errors, timeouts on a fake clock, and what reaches the logs.
/// </summary>
public sealed class AiFeaturesTests : IAsyncLifetime
{
    private static readonly FaqEntry[] Entries =
    [
        new("delivery", ["Сколько стоит доставка?", "Доставка цена"], "Доставка по городу стоит 299 рублей, бесплатно от 3000 рублей."),
        new("returns", ["Как вернуть товар?"], "Вернуть товар можно в течение 14 дней с чеком."),
        new("hours", ["Когда вы работаете?"], "Мы работаем ежедневно с 9 до 21."),
    ];

    private readonly FakeTimeProvider _time = new();
    private readonly RecordingLoggerProvider _logs = new();
    private OpenAiStandIn _standIn = null!;
    private AiServices _ai = null!;
    private ILoggerFactory _loggers = null!;

    public async Task InitializeAsync()
    {
        _standIn = await OpenAiStandIn.StartAsync("sk-secret-test-key");
        _loggers = LoggerFactory.Create(builder => builder.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
        _ai = new AiServices(Options.Create(new AiOptions
        {
            Endpoint = _standIn.Endpoint,
            ApiKey = "sk-secret-test-key",
            ChatModel = "test-chat",
            EmbeddingModel = "test-embed",
            ChatTimeout = TimeSpan.FromSeconds(5),
            RerankBudget = TimeSpan.FromMilliseconds(500),
        }), _time, _loggers);
    }

    public async Task DisposeAsync()
    {
        _loggers.Dispose();
        await _standIn.DisposeAsync();
    }

    [Fact]
    public async Task A_grounded_answer_comes_from_the_entry_it_cites_without_the_citation()
    {
        var answer = await _ai.Answerer!.AnswerAsync("подскажите, доставка по городу сколько стоит", Entries, CancellationToken.None);

        Assert.NotNull(answer);
        Assert.Equal("delivery", answer.EntryId);
        Assert.Equal("Доставка по городу стоит 299 рублей, бесплатно от 3000 рублей.", answer.Text);
        var call = Assert.Single(_standIn.Calls);
        Assert.Equal("/v1/chat/completions", call.Path);
        Assert.Equal("test-chat", call.Request["model"]!.GetValue<string>());
        Assert.Equal("Bearer sk-secret-test-key", call.Authorization);
        var messages = call.Request["messages"]!.AsArray();
        Assert.Equal(["system", "user"], messages.Select(m => m!["role"]!.GetValue<string>()));
        Assert.Contains("[entry:returns]", messages[0]!["content"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_no_entry_answers_gets_no_answer()
    {
        Assert.Null(await _ai.Answerer!.AnswerAsync("можно ли оплатить биткоином", Entries, CancellationToken.None));
    }

    [Theory]
    [InlineData("Доставка бесплатная. [entry:promo]")]
    [InlineData("Доставка стоит 299 рублей.")]
    public async Task An_answer_citing_no_entry_it_was_given_is_no_answer(string reply)
    {
        _standIn.ScriptedReply = reply;

        Assert.Null(await _ai.Answerer!.AnswerAsync("доставка по городу сколько стоит", Entries, CancellationToken.None));
        Assert.Contains(_logs.Lines, l => l.Contains("cited no entry it was given", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(500, "server_error", "internal_error")]
    [InlineData(429, "requests", "rate_limit_exceeded")]
    public async Task A_failing_service_gives_no_answer_and_logs_neither_the_question_nor_the_key(int status, string type, string code)
    {
        _standIn.FailNext("/v1/chat/completions", status, type, code, "The server had an error while processing your request.");

        var answer = await _ai.Answerer!.AnswerAsync("доставка по городу сколько стоит, мой телефон +79991234567", Entries, CancellationToken.None);

        Assert.Null(answer);
        Assert.Single(_standIn.Calls); // no retry: the turn's budget is not spent on one
        var log = string.Join('\n', _logs.Lines);
        Assert.Contains("An AI call (answer) failed", log, StringComparison.Ordinal);
        Assert.DoesNotContain("+79991234567", log, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-secret-test-key", log, StringComparison.Ordinal);
        Assert.DoesNotContain("299", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_key_gives_no_answer()
    {
        using var loggers = LoggerFactory.Create(_ => { });
        var ai = new AiServices(Options.Create(new AiOptions { Endpoint = _standIn.Endpoint, ApiKey = "sk-wrong", ChatModel = "m" }), _time, loggers);

        Assert.Null(await ai.Answerer!.AnswerAsync("доставка по городу сколько стоит", Entries, CancellationToken.None));
        Assert.Equal(401, Assert.Single(_standIn.Calls).Status);
    }

    [Fact]
    public async Task A_service_slower_than_the_timeout_gives_no_answer_when_the_clock_passes_it()
    {
        _standIn.Hold();
        try
        {
            var answering = _ai.Answerer!.AnswerAsync("доставка по городу сколько стоит", Entries, CancellationToken.None);
            await Eventually.HoldsAsync(() => Task.FromResult(_standIn.Calls.Count == 1), "the request reached the stand-in");
            Assert.False(answering.IsCompleted);

            _time.Advance(TimeSpan.FromSeconds(5));

            Assert.Null(await answering);
            Assert.Contains(_logs.Lines, l => l.Contains("An AI call (answer) got no answer within", StringComparison.Ordinal));
        }
        finally
        {
            _standIn.Release();
        }
    }

    [Fact]
    public async Task Semantic_matching_lifts_a_paraphrase_the_lexical_match_was_not_sure_of()
    {
        var matcher = new FaqMatcher(Entries);
        var lexical = new FaqMatch(null, 0, null, 0);
        await WarmAsync(matcher);

        var match = await _ai.Reranker!.RerankAsync(matcher, "доставка цена", lexical, CancellationToken.None);

        Assert.Equal("delivery", match.Entry?.Id);
        Assert.True(match.Confidence >= 0.6, $"blended {match.Confidence}");
        Assert.True(match.Confidence > match.RunnerUpConfidence);
    }

    [Fact]
    public async Task When_embeddings_fail_or_are_slow_the_lexical_match_stands()
    {
        var matcher = new FaqMatcher(Entries);
        var lexical = matcher.Match("как вернуть товар");
        await WarmAsync(matcher);

        _standIn.FailNext("/v1/embeddings", 503, "server_error", "service_unavailable", "The engine is currently overloaded.");
        Assert.Same(lexical, await _ai.Reranker!.RerankAsync(matcher, "как вернуть товар", lexical, CancellationToken.None));

        _standIn.Hold();
        try
        {
            // Counted before the call starts: the request can reach the stand-in before the next line runs.
            var calls = _standIn.Calls.Count;
            var reranking = _ai.Reranker!.RerankAsync(matcher, "как вернуть товар", lexical, CancellationToken.None);
            await Eventually.HoldsAsync(() => Task.FromResult(_standIn.Calls.Count > calls), "the embedding request reached the stand-in");
            _time.Advance(TimeSpan.FromMilliseconds(500));
            Assert.Same(lexical, await reranking);
        }
        finally
        {
            _standIn.Release();
        }
    }

    [Fact]
    public async Task Operator_assist_summarises_and_suggests_from_the_model()
    {
        _standIn.FixedReply = "Клиент спрашивает о доставке; бот ответил ценой.";
        string[] transcript = ["Customer: сколько стоит доставка", "Bot: 299 рублей", "Customer: а в область?"];

        Assert.Equal(_standIn.FixedReply, await _ai.Assistant!.SummarizeAsync(transcript, CancellationToken.None));
        Assert.Equal(_standIn.FixedReply, await _ai.Assistant!.SuggestReplyAsync(transcript, Entries, CancellationToken.None));
        Assert.All(_standIn.Calls, c => Assert.Contains("а в область?", c.Request["messages"]![1]!["content"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    /// <summary>The knowledge base is embedded in the background on first use; wait until it is.</summary>
    private async Task WarmAsync(FaqMatcher matcher)
    {
        await _ai.Reranker!.RerankAsync(matcher, "x", FaqMatch.None, CancellationToken.None);
        await Eventually.HoldsAsync(async () =>
            (await _ai.Reranker!.RerankAsync(matcher, "доставка цена", FaqMatch.None, CancellationToken.None)).Entry is not null,
            "the knowledge base embedded");
    }
}
