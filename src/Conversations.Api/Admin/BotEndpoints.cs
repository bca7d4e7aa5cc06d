using Conversations.Abstractions.Common;
using System.Security.Claims;
using Conversations.Abstractions.Bot;
using Conversations.Api.Auth;
using Conversations.Api.Contracts.Bot;
using Conversations.Abstractions.Tenants;
using Conversations.Api.Mappings;
using Conversations.Bot.Faq;
using Conversations.Bot.Scenarios;
using Conversations.Channels.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using FaqCalibration = Conversations.Api.Contracts.Bot.FaqCalibration;
using KnowledgeBase = Conversations.Api.Contracts.Bot.KnowledgeBase;
using KnowledgeEntry = Conversations.Api.Contracts.Bot.KnowledgeEntry;
using KnowledgeSuggestion = Conversations.Api.Contracts.Bot.KnowledgeSuggestion;
using ScenarioVersion = Conversations.Api.Contracts.Bot.ScenarioVersion;

namespace Conversations.Api.Admin;

/// <summary>The bot's admin API: the scenario (validated, versioned, hot-swapped) and the FAQ with what it learnt from operators.</summary>
public static class BotEndpoints
{
    // The scenario grain's own limit, checked here too so a check never parses more than a publish would.
    private const int MaxScenarioChars = 1_000_000;

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapBotApi(this IEndpointRouteBuilder app)
    {
        var bot = app.MapGroup("/api/v1/admin/bot").WithTags("Bot").RequireAuthorization(AuthExtensions.AdminPolicy);
        var writes = bot.MapGroup("").RequireRateLimiting(AuthExtensions.WriteLimit);
        bot.MapGet("/scenario", CurrentScenarioAsync).WithSummary("The live scenario version");
        bot.MapGet("/scenario/versions", ScenarioVersionsAsync).WithSummary("The live and earlier scenario versions");
        writes.MapPut("/scenario", PublishScenarioAsync).Accepts<string>("application/json")
            .WithSummary("Publish a scenario document: validated as a whole (every problem listed), live within seconds");

        writes.MapPost("/scenario/check", CheckScenarioAsync).Accepts<string>("application/json")
            .WithSummary("Check a scenario document without publishing it: every problem with its path");
        bot.MapGet("/scenario/draft", DraftAsync).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The scenario draft (saved, not published), with its problems");
        writes.MapPut("/scenario/draft", SaveDraftAsync).Accepts<string>("application/json")
            .WithSummary("Save a scenario document as the draft, without publishing it (it may still have problems)");
        writes.MapDelete("/scenario/draft", DiscardDraftAsync).WithSummary("Forget the draft");
        writes.MapPost("/scenario/draft/publish", PublishDraftAsync).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Publish the draft as the live scenario (validated like a publish) and forget it");
        writes.MapPost("/scenario/draft/test", TestDraftAsync).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One turn of the draft's test chat: the bot answers with the draft as its scenario, as to a website visitor")
            .WithDescription("Nothing reaches a channel, a conversation, the inbox, reports or webhooks. Send the answer's state with the next turn; " +
                "no text and no payload starts the chat. 404 without a draft; 400 when the draft has problems.");

        bot.MapGet("/faq", FaqAsync).WithSummary("The FAQ knowledge base");
        writes.MapPost("/faq/try", TryFaqAsync).ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Which FAQ entry a question matches, its score, and whether the bot would answer with it");
        writes.MapPut("/faq", ReplaceFaqAsync).WithSummary("Replace every FAQ entry")
            .WithDescription("The body has the shape GET answers with ({ version, entries }), so a read, edit and write round-trips; the version sent is not " +
                "checked, the answer carries the new one.");
        writes.MapPut("/faq/{id}", SaveEntryAsync).WithSummary("Add or replace an FAQ entry");
        writes.MapDelete("/faq/{id}", DeleteEntryAsync).WithSummary("Remove an FAQ entry");
        bot.MapGet("/faq/suggestions", SuggestionsAsync).WithSummary("Questions the bot could not answer, with operators' answers");
        writes.MapPost("/faq/suggestions/{id:guid}/approve", ApproveAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Turn a suggestion into an FAQ entry (optionally edited), or with entryId into a phrasing of an existing entry")
            .WithDescription("With entryId the question (or the edited one) joins that entry's phrasings and the entry keeps its answer (answer must be " +
                "left out: 400). 404 when there is no such suggestion or entry; 409 when the entry already has 50 question variants.");
        writes.MapDelete("/faq/suggestions/{id:guid}", RejectAsync).WithSummary("Drop a suggestion");
        bot.MapGet("/faq/choices", ChoicesAsync).WithSummary("Customers' answers to \"did you mean …?\", waiting for approval");
        writes.MapPost("/faq/choices/{id:guid}/approve", ApproveChoiceAsync)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Add a choice's question as a phrasing of the chosen FAQ entry")
            .WithDescription("404 when there is no such choice; 409 when the entry no longer exists or already has 50 question variants.");
        writes.MapDelete("/faq/choices/{id:guid}", RejectChoiceAsync).ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Drop a choice");
        bot.MapGet("/faq/calibration", CalibrationAsync).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The calibrated threshold and margin, the precision/coverage curve, the expected share answered and the confusable entries")
            .WithDescription("404 while the knowledge base is empty or its first calibration is still running (a large one takes seconds).");
        return app;
    }

    private static async Task<Results<Ok<ScenarioVersion>, NotFound>> CurrentScenarioAsync(ClaimsPrincipal user, IGrainFactory grains) =>
        await Scenario(user, grains).GetCurrentAsync() is { } current ? TypedResults.Ok(current.ToContract()) : TypedResults.NotFound();

    private static async Task<Ok<IReadOnlyList<ScenarioVersion>>> ScenarioVersionsAsync(ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok<IReadOnlyList<ScenarioVersion>>([.. (await Scenario(user, grains).ListVersionsAsync()).Select(v => v.ToContract())]);

    private static async Task<Ok<ScenarioVersion>> PublishScenarioAsync(HttpRequest http, ClaimsPrincipal user, IGrainFactory grains)
    {
        using var reader = new StreamReader(http.Body);
        return TypedResults.Ok((await Scenario(user, grains).PublishAsync(await reader.ReadToEndAsync())).ToContract());
    }

    private static async Task<Ok<ScenarioCheck>> CheckScenarioAsync(HttpRequest http)
    {
        using var reader = new StreamReader(http.Body);
        var json = await reader.ReadToEndAsync(http.HttpContext.RequestAborted);
        if (string.IsNullOrWhiteSpace(json) || json.Length > MaxScenarioChars)
        {
            throw DomainException.Invalid("$: send the scenario as a JSON document of at most 1 MB.");
        }

        var parsed = ScenarioParser.Parse(json, "check");
        return TypedResults.Ok(new ScenarioCheck(parsed.IsValid, [.. parsed.Problems.Select(p => new Contracts.Bot.ScenarioProblem(p.Path, p.Message))]));
    }

    private static async Task<Ok<Contracts.Bot.ScenarioDraft>> DraftAsync(ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(DraftOf(await Scenario(user, grains).GetDraftAsync() ?? throw DomainException.NotFound("There is no scenario draft.")));

    private static async Task<Ok<Contracts.Bot.ScenarioDraft>> SaveDraftAsync(HttpRequest http, ClaimsPrincipal user, IGrainFactory grains)
    {
        using var reader = new StreamReader(http.Body);
        var json = await reader.ReadToEndAsync(http.HttpContext.RequestAborted);
        if (string.IsNullOrWhiteSpace(json) || json.Length > MaxScenarioChars)
        {
            throw DomainException.Invalid("$: send the scenario as a JSON document of at most 1 MB.");
        }

        return TypedResults.Ok(DraftOf(await Scenario(user, grains).SaveDraftAsync(json)));
    }

    private static async Task<NoContent> DiscardDraftAsync(ClaimsPrincipal user, IGrainFactory grains)
    {
        await Scenario(user, grains).DiscardDraftAsync();
        return TypedResults.NoContent();
    }

    private static async Task<Ok<ScenarioVersion>> PublishDraftAsync(ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok((await Scenario(user, grains).PublishDraftAsync()).ToContract());

    private static async Task<Ok<ScenarioTestResponse>> TestDraftAsync(ScenarioTestRequest? request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var state = TestChatState.Read(request?.State);
        var reply = await Scenario(user, grains).TestDraftAsync(new ScenarioTestTurn(request?.Text, request?.Payload, state.Session, state.Understanding));
        return TypedResults.Ok(new ScenarioTestResponse([.. reply.Messages.Select(m => m.ToContract())],
            new TestChatState(reply.SessionJson, reply.UnderstandingJson).Write(), reply.HandoffReason));
    }

    private static Contracts.Bot.ScenarioDraft DraftOf(Abstractions.Bot.ScenarioDraft draft)
    {
        var parsed = ScenarioParser.Parse(draft.Json, "draft");
        return new Contracts.Bot.ScenarioDraft(draft.Json, draft.SavedAt, parsed.IsValid, [.. parsed.Problems.Select(p => new Contracts.Bot.ScenarioProblem(p.Path, p.Message))]);
    }

    private static async Task<Ok<FaqTryResult>> TryFaqAsync(FaqTryRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (string.IsNullOrWhiteSpace(request.Question))
        {
            throw DomainException.Invalid("$.question: a question is required.");
        }

        var threshold = (await grains.GetGrain<ITenantGrain>(user.TenantId()).GetSettingsAsync()).FaqThreshold;
        // Built for this one question (an admin's click): the silos' cached matchers live with the grains, not the API.
        var entries = (await Faq(user, grains).GetAsync()).Entries;
        var match = entries.Count == 0 ? FaqMatch.None : new FaqMatcher(entries.Select(e => new FaqEntry(e.Id, e.Questions, e.Answer))).Match(request.Question);
        return TypedResults.Ok(new FaqTryResult(match.Entry?.Id, match.Entry?.Answer, match.Confidence, threshold, match.IsConfident(threshold),
            match.RunnerUp?.Id, match.RunnerUpConfidence));
    }

    private static async Task<Ok<KnowledgeBase>> FaqAsync(ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok((await Faq(user, grains).GetAsync()).ToContract());

    private static async Task<Ok<KnowledgeBase>> ReplaceFaqAsync(KnowledgeBase faq, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (faq.Entries is not { } entries)
        {
            throw DomainException.Invalid("$.entries: the list of FAQ entries is required (an empty list removes them all).");
        }

        var missing = entries.ToList().FindIndex(entry => entry is null);
        if (missing >= 0)
        {
            throw DomainException.Invalid($"$.entries[{missing}]: an FAQ entry (id, questions, answer) is required, not null.");
        }

        return TypedResults.Ok((await Faq(user, grains).ReplaceAsync([.. entries.Select(e => e.ToDomain())])).ToContract());
    }

    private static async Task<Ok<KnowledgeEntry>> SaveEntryAsync(string id, KnowledgeEntry entry, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok((await Faq(user, grains).SaveEntryAsync(entry.ToDomain() with { Id = id })).ToContract());

    private static async Task<NoContent> DeleteEntryAsync(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        await Faq(user, grains).DeleteEntryAsync(id);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<IReadOnlyList<KnowledgeSuggestion>>> SuggestionsAsync(ClaimsPrincipal user, IGrainFactory grains)
    {
        var faq = Faq(user, grains);
        var suggestions = await faq.ListSuggestionsAsync();
        var entries = suggestions.Count == 0 ? null : (await faq.GetAsync()).Entries;

        // One matcher for the page (an admin's click): each question's closest entry, so an answer the FAQ already gives
        // becomes a phrasing of that entry instead of a second entry.
        var matcher = entries is not { Count: > 0 } ? null : new FaqMatcher(entries.Select(e => new FaqEntry(e.Id, e.Questions, e.Answer)));
        return TypedResults.Ok<IReadOnlyList<KnowledgeSuggestion>>([.. suggestions.Select(s =>
            matcher?.Match(s.Question) is { Entry: { } closest } match
                ? s.ToContract() with { ClosestEntryId = closest.Id, ClosestConfidence = Math.Round(match.Confidence, 3) }
                : s.ToContract())]);
    }

    private static async Task<Ok<KnowledgeEntry>> ApproveAsync(Guid id, ApproveSuggestionRequest? request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (request?.EntryId is { } entryId)
        {
            if (request.Answer is not null)
            {
                throw DomainException.Invalid("answer: leave it out when approving into an existing entry (entryId); that entry keeps its answer.");
            }

            return TypedResults.Ok((await Faq(user, grains).ApproveIntoAsync(id, entryId, request.Question)).ToContract());
        }

        return TypedResults.Ok((await Faq(user, grains).ApproveAsync(id, request?.Question, request?.Answer)).ToContract());
    }

    private static async Task<NoContent> RejectAsync(Guid id, ClaimsPrincipal user, IGrainFactory grains)
    {
        await Faq(user, grains).RejectAsync(id);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<IReadOnlyList<FaqChoice>>> ChoicesAsync(ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok<IReadOnlyList<FaqChoice>>([.. (await Faq(user, grains).ListChoicesAsync()).Select(c => c.ToContract())]);

    private static async Task<Ok<KnowledgeEntry>> ApproveChoiceAsync(Guid id, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok((await Faq(user, grains).ApproveChoiceAsync(id)).ToContract());

    private static async Task<NoContent> RejectChoiceAsync(Guid id, ClaimsPrincipal user, IGrainFactory grains)
    {
        await Faq(user, grains).RejectChoiceAsync(id);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<FaqCalibration>> CalibrationAsync(ClaimsPrincipal user, IGrainFactory grains)
    {
        var faq = Faq(user, grains);
        var calibration = await faq.GetCalibrationAsync() ?? throw DomainException.NotFound("The knowledge base is not calibrated yet (it is empty, or its first calibration is running).");
        return TypedResults.Ok(calibration.ToContract((await faq.GetAsync()).Policy is not null));
    }

    private static IScenarioGrain Scenario(ClaimsPrincipal user, IGrainFactory grains) => grains.GetGrain<IScenarioGrain>(user.TenantId());

    private static IKnowledgeBaseGrain Faq(ClaimsPrincipal user, IGrainFactory grains) => grains.GetGrain<IKnowledgeBaseGrain>(user.TenantId());
}
