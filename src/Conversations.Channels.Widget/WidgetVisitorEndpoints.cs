using Conversations.Abstractions.Channels;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Messages;
using Conversations.Abstractions.Tenants;
using Conversations.Channels.Abuse;
using Conversations.Channels.Accounts;
using Conversations.Channels.Linking;
using Conversations.Api.Contracts.Widget;
using Conversations.Persistence.Media;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Conversations.Channels.Widget;

/// <summary>
/// The visitor API the widget script talks to (<c>/widget/v1/{account}</c>): a session with a signed visitor token,
/// sending messages, reading history, and a server-sent event stream of new messages that resumes from the last
/// event id after a reconnect. This is the widget's inbound side, as a webhook is for messengers. Being anonymous,
/// starting sessions and sending messages pass the abuse limits (<see cref="AbuseLimit"/>): beyond them the answer is
/// 429 with <c>Retry-After</c>, and the widget resends the same message (same clientMessageId) after that time.
/// </summary>
public static class WidgetVisitorEndpoints
{
    /// <summary>Maps the visitor API and the widget's static files.</summary>
    public static IEndpointRouteBuilder MapWidget(this IEndpointRouteBuilder app)
    {
        var visitor = app.MapGroup("/widget/v1/{account}").WithTags("Widget").RequireCors(WidgetChannelExtensions.CorsPolicy);
        visitor.MapPost("/session", StartSessionAsync)
            .WithSummary("Start or resume a visitor session; with userId and userHash (HMAC-SHA256 of userId under the widget's identity secret), as that user on every device")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status429TooManyRequests);
        visitor.MapPost("/messages", SendAsync).WithSummary("Send a visitor message (idempotent per clientMessageId)")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        visitor.MapGet("/messages", HistoryAsync).WithSummary("The visitor's current conversation");
        visitor.MapGet("/events", Events).WithSummary("Server-sent events: new messages of the visitor's conversation")
            .WithDescription("Events: 'message' (a WidgetMessage, id = {conversation}:{seq}, resume with Last-Event-ID or ?lastEventId=); " +
                "'signal' (a WidgetSignal: {kind: Typing|Read, upToSeq, at}) when the operator is typing or operators have read up to a message, " +
                "live only, no id; 'ping' every 20 s.");
        WidgetMediaEndpoints.Map(visitor);
        WidgetContinueEndpoints.Map(visitor);
        WidgetSignalEndpoints.Map(visitor);
        WidgetAssets.Map(app);
        return app;
    }

    private static async Task<Results<Ok<WidgetSessionResponse>, ProblemHttpResult>> StartSessionAsync(
        string account, WidgetSessionRequest? request, HttpContext http, ChannelAccountCache accounts, WidgetVisitorTokens tokens, IIdGenerator ids,
        AbuseLimiter limiter, IGrainFactory grains, ContinueLinkIssuer continueLinks, ILoggerFactory loggers)
    {
        if (limiter.TryAcquire(AbuseLimit.WidgetSessionsPerIp, ClientAddress.PartitionOf(http)) is { } tooManyFromAddress)
        {
            return tooManyFromAddress.ToProblem(http.Response);
        }

        if (await FindAsync(accounts, account) is not { } widget)
        {
            return UnknownWidget();
        }

        if (request is { UserId: not null } or { UserHash: not null })
        {
            return await SignedSessionAsync(widget, request, tokens, grains, continueLinks, loggers.CreateLogger(typeof(WidgetIdentityVerification)));
        }

        var visitorId = await tokens.ValidateAsync(account, request?.Token);
        // Only new visitors count against the widget: a returning visitor resumes whatever the widget's load.
        if (visitorId is null && limiter.TryAcquire(AbuseLimit.WidgetSessionsPerWidget, account) is { } tooManyVisitors)
        {
            return tooManyVisitors.ToProblem(http.Response);
        }

        var id = visitorId ?? ids.NewId();
        var settings = await grains.GetGrain<ITenantGrain>(widget.TenantId).GetSettingsAsync();
        var texts = TenantTexts.Widget.ToDictionary(key => key, settings.Text, StringComparer.Ordinal);
        return TypedResults.Ok(new WidgetSessionResponse(await tokens.IssueAsync(account, id), id, widget.DisplayName, texts,
            await continueLinks.ChannelsAsync(widget.TenantId), WidgetConnector.AppearanceOf(widget)));
    }

    /// <summary>
    /// A session as the business's signed-in user: a valid <c>userHash</c> makes the visitor that user's identity on
    /// this widget (the same on every device, so one history), linked to the customer with that external id; anything
    /// else is refused and logged (without the secret or the hash).
    /// </summary>
    private static async Task<Results<Ok<WidgetSessionResponse>, ProblemHttpResult>> SignedSessionAsync(
        ChannelAccount widget, WidgetSessionRequest request, WidgetVisitorTokens tokens, IGrainFactory grains, ContinueLinkIssuer continueLinks, ILogger logger)
    {
        var account = widget.Key.Account;
        if (request.UserId is not { Length: > 0 } userId || userId.Trim().Length != userId.Length || userId.Any(char.IsControl))
        {
            return Refused(StatusCodes.Status400BadRequest, "userId: required with userHash: the business's id of its signed-in user, without control characters or surrounding spaces.");
        }

        if (widget.WebhookSecret is not { Length: > 0 } secret)
        {
            WidgetSessionLog.NoSecret(logger, account);
            return Refused(StatusCodes.Status403Forbidden, "userHash: this widget does not verify signed-in users yet; its admin creates an identity secret first (POST /api/v1/admin/channels/widgets/{key}/identity-secret).");
        }

        if (!WidgetIdentityVerification.Matches(secret, userId, request.UserHash))
        {
            WidgetSessionLog.BadHash(logger, account);
            return Refused(StatusCodes.Status403Forbidden, "userHash: does not match userId; compute it on your server as HMAC-SHA256(identity secret, userId) in lower-case hex.");
        }

        var phone = request.Phone is { Length: > 0 } typedPhone ? PhoneNumbers.ToE164(typedPhone) : null;
        var email = request.Email is { Length: > 0 } typedEmail ? EmailAddresses.Normalize(typedEmail) : null;
        if (request.Phone is { Length: > 0 } && phone is null)
        {
            return Refused(StatusCodes.Status400BadRequest, "phone: not a phone number in international form (+ and 7 to 15 digits, e.g. +79001234567).");
        }

        if (request.Email is { Length: > 0 } && email is null)
        {
            return Refused(StatusCodes.Status400BadRequest, "email: not an e-mail address (local@domain.tld).");
        }

        var visitorId = await tokens.VisitorOfUserAsync(account, userId);
        var identity = WidgetUpdateMapper.Identity(widget, visitorId);
        var name = request.Name?.Trim() is { Length: > 0 } given && !given.Any(char.IsControl) ? given : null;
        var sender = name is null ? new SenderProfile(WidgetUpdateMapper.VisitorName(visitorId), GeneratedName: true) : new SenderProfile(name);
        var customerId = await GrainCalls.RetryAsync(() => grains.GetGrain<IChannelIdentityGrain>(identity.ToGrainKey())
            .IdentifyAsync(new ChannelAddress(ChannelKind.Widget, account, identity.ExternalUserId), sender, new VerifiedFacts(ExternalId: userId)));
        if (phone is not null || email is not null)
        {
            // What the site says about its user is kept as contacts; only the id is signed, so they link nothing.
            await grains.GetGrain<ICustomerGrain>(new CustomerKey(widget.TenantId, customerId).ToGrainKey()).ApplyUpdateAsync(
                new CustomerUpdate([], phone is null ? [] : [phone], email is null ? [] : [email], new Dictionary<string, string>()));
        }

        var settings = await grains.GetGrain<ITenantGrain>(widget.TenantId).GetSettingsAsync();
        var texts = TenantTexts.Widget.ToDictionary(key => key, settings.Text, StringComparer.Ordinal);
        return TypedResults.Ok(new WidgetSessionResponse(await tokens.IssueAsync(account, visitorId), visitorId, widget.DisplayName, texts,
            await continueLinks.ChannelsAsync(widget.TenantId), WidgetConnector.AppearanceOf(widget)));
    }

    private static ProblemHttpResult Refused(int status, string detail) =>
        TypedResults.Problem(statusCode: status, title: status == StatusCodes.Status403Forbidden ? "Identity not verified" : "Invalid request", detail: detail);

    private static async Task<Results<Ok<WidgetMessageResponse>, ProblemHttpResult>> SendAsync(
        string account, WidgetMessageRequest request, HttpRequest http, ChannelAccountCache accounts, WidgetVisitorTokens tokens,
        WidgetUpdateMapper mapper, IGrainFactory grains, AbuseLimiter limiter, IMediaStore media, CancellationToken cancellationToken)
    {
        if (limiter.TryAcquire(AbuseLimit.WidgetMessagesPerIp, ClientAddress.PartitionOf(http.HttpContext)) is { } tooManyFromAddress)
        {
            return tooManyFromAddress.ToProblem(http.HttpContext.Response);
        }

        if (await FindAsync(accounts, account) is not { } widget)
        {
            return UnknownWidget();
        }

        if (await tokens.ValidateAsync(account, BearerToken(http)) is not { } visitorId)
        {
            return InvalidToken();
        }

        if (limiter.TryAcquire(AbuseLimit.WidgetMessagesPerVisitor, visitorId.ToString("N")) is { } tooManyFromVisitor)
        {
            return tooManyFromVisitor.ToProblem(http.HttpContext.Response);
        }

        var file = await WidgetMediaEndpoints.FileOfAsync(media, widget, request, cancellationToken);
        var message = mapper.Map(widget, visitorId, request, file);
        // A message without an open conversation opens one (the first, or the first after a close): those are what
        // fill the tables when a script starts visitors by the thousand, so they are counted per widget.
        if (await CurrentConversationAsync(grains, widget, visitorId) is null
            && limiter.TryAcquire(AbuseLimit.NewConversationsPerWidget, account) is { } tooManyConversations)
        {
            return tooManyConversations.ToProblem(http.HttpContext.Response);
        }

        var result = await GrainCalls.RetryAsync(
            () => grains.GetGrain<IChannelIdentityGrain>(message.Identity.ToGrainKey()).ReceiveAsync(message), cancellationToken: cancellationToken);
        InboundMetrics.Record("widget", result.Outcome);
        if (result.Outcome == InboundOutcome.Duplicate && !await RepeatsStoredAsync(grains, widget.TenantId, result, message.Content))
        {
            // The browser reused an id for another message: keeping the first silently would lose this one.
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Client message id reused",
                detail: "clientMessageId: another message was already stored under this id; use a new id for a new message (a retry repeats the same message).");
        }

        return TypedResults.Ok(new WidgetMessageResponse(result.MessageId, result.ConversationId, result.Seq, result.Outcome == InboundOutcome.Duplicate));
    }

    private static async Task<Results<Ok<IReadOnlyList<WidgetMessage>>, ProblemHttpResult>> HistoryAsync(
        string account, HttpRequest http, ChannelAccountCache accounts, WidgetVisitorTokens tokens, IGrainFactory grains, WidgetMediaLinks media, long after = 0)
    {
        if (await FindAsync(accounts, account) is not { } widget)
        {
            return UnknownWidget();
        }

        if (await tokens.ValidateAsync(account, BearerToken(http)) is not { } visitorId)
        {
            return InvalidToken();
        }

        if (await CurrentConversationAsync(grains, widget, visitorId) is not { } conversation)
        {
            return TypedResults.Ok<IReadOnlyList<WidgetMessage>>([]);
        }

        var history = await conversation.GetHistoryAsync(new HistoryQuery(AfterSeq: Math.Max(0, after), Limit: 500, IncludeEvents: false));
        var visible = new List<WidgetMessage>();
        foreach (var message in history.Select(WidgetMessages.Of).OfType<WidgetMessage>())
        {
            visible.Add(await media.LinkAsync(message, widget.TenantId));
        }

        return TypedResults.Ok<IReadOnlyList<WidgetMessage>>(visible);
    }

    private static async Task<IResult> Events(
        string account, HttpContext http, ChannelAccountCache accounts, WidgetVisitorTokens tokens, IGrainFactory grains, WidgetMediaLinks media,
        IHostApplicationLifetime lifetime)
    {
        if (await FindAsync(accounts, account) is not { } widget)
        {
            return UnknownWidget();
        }

        var token = BearerToken(http.Request) ?? http.Request.Query["token"].ToString();
        if (await tokens.ValidateAsync(account, token) is not { } visitorId)
        {
            return InvalidToken();
        }

        var resumeFrom = http.Request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } lastId ? lastId : http.Request.Query["lastEventId"].ToString();
        http.Response.Headers["X-Accel-Buffering"] = "no";
        return TypedResults.ServerSentEvents(WidgetEventStream.StreamAsync(http.Response, grains, media, widget, visitorId, resumeFrom, lifetime.ApplicationStopping));
    }

    /// <summary>
    /// Whether the message stored first under a client message id says the same as this retry. A redelivery is the same
    /// message; a different one under the same id is the client's mistake, answered with 409.
    /// </summary>
    private static async Task<bool> RepeatsStoredAsync(IGrainFactory grains, Guid tenantId, InboundResult stored, MessageContent content)
    {
        var conversation = grains.GetGrain<IConversationGrain>(new ConversationKey(tenantId, stored.ConversationId).ToGrainKey());
        var first = (await conversation.GetHistoryAsync(new HistoryQuery(AfterSeq: stored.Seq - 1, Limit: 1))).FirstOrDefault(m => m.MessageId == stored.MessageId);
        return first is null || first.Content == content;
    }

    internal static async Task<IConversationGrain?> CurrentConversationAsync(IGrainFactory grains, ChannelAccount widget, Guid visitorId)
    {
        var identity = WidgetUpdateMapper.Identity(widget, visitorId);
        if (await grains.GetGrain<IChannelIdentityGrain>(identity.ToGrainKey()).GetCustomerIdAsync() is not { } customerId)
        {
            return null;
        }

        var profile = await grains.GetGrain<ICustomerGrain>(new CustomerKey(widget.TenantId, customerId).ToGrainKey()).GetProfileAsync();
        return profile?.CurrentConversationId is { } conversationId
            ? grains.GetGrain<IConversationGrain>(new ConversationKey(widget.TenantId, conversationId).ToGrainKey())
            : null;
    }

    internal static async Task<ChannelAccount?> FindAsync(ChannelAccountCache accounts, string account) =>
        await accounts.GetAsync(new ChannelAccountKey(ChannelKind.Widget, account)) is { Enabled: true } widget ? widget : null;

    internal static string? BearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim()
            : null;

    internal static ProblemHttpResult UnknownWidget() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown widget", detail: "No enabled widget has this key; check the data-widget attribute of the script tag.");

    internal static ProblemHttpResult InvalidToken() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid visitor token",
            detail: "Start a session first (POST /widget/v1/{account}/session) and send its token as 'Authorization: Bearer <token>'.");
}
