using System.Security.Claims;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Tenants;
using Conversations.Api.Auth;
using Conversations.Api.Contracts;
using Conversations.Api.Contracts.Outbound;
using Conversations.Api.Mappings;
using Conversations.Persistence.Campaigns;
using Conversations.Persistence.Conversations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Conversations.Api.Outbound;

/// <summary>
/// Broadcasts (<c>/api/v1/campaigns</c>, an API key or an admin): created with an audience, content per channel and a
/// start time; planned and sent by every silo's <c>CampaignDispatcher</c> through the ordinary outbound path; paused,
/// resumed, cancelled, and read with their counts and per-recipient status.
/// </summary>
public static class CampaignEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapCampaignApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/campaigns").WithTags("Messages the business starts").RequireAuthorization(AuthExtensions.OperatorPolicy)
            .AddEndpointFilter(async (context, next) => AdminOrApiKey(context.HttpContext.User)
                ? await next(context)
                : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "Campaigns are run by an admin or with an API key (not an Agent key)."));
        api.MapPost("", CreateAsync).RequireRateLimiting(AuthExtensions.WriteLimit)
            .WithSummary("Create a campaign: an audience, content per channel, channels in order and a start time; sent through the outbox at each channel's pace")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGet("", ListAsync)
            .WithSummary("The tenant's campaigns, newest first, with their counts")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/{id:guid}", GetAsync)
            .WithSummary("A campaign's progress: planned, waiting, sent, delivered, read, failed, refused, opted out, replied, cancelled")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{id:guid}/recipients", RecipientsAsync)
            .WithSummary("A page of a campaign's recipients (customer id order, after= the last one), optionally of one status")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{id:guid}/pause", (Guid id, ClaimsPrincipal user, ICampaignStore store, TimeProvider time) =>
                ChangeAsync(id, user, store, time, [CampaignStatus.Scheduled, CampaignStatus.Running], CampaignStatus.Paused, "pause"))
            .RequireRateLimiting(AuthExtensions.WriteLimit)
            .WithSummary("Pause a scheduled or running campaign: no more recipients are claimed (those being sent finish)")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id:guid}/resume", (Guid id, ClaimsPrincipal user, ICampaignStore store, TimeProvider time) =>
                ChangeAsync(id, user, store, time, [CampaignStatus.Paused], CampaignStatus.Running, "resume"))
            .RequireRateLimiting(AuthExtensions.WriteLimit)
            .WithSummary("Resume a paused campaign where it stopped")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id:guid}/cancel", (Guid id, ClaimsPrincipal user, ICampaignStore store, TimeProvider time) =>
                ChangeAsync(id, user, store, time, [CampaignStatus.Scheduled, CampaignStatus.Running, CampaignStatus.Paused], CampaignStatus.Cancelled, "cancel"))
            .RequireRateLimiting(AuthExtensions.WriteLimit)
            .WithSummary("Cancel a campaign: recipients not sent yet never are")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    /// <summary>An admin operator, or any API key but an Agent's (the business's CRM).</summary>
    private static bool AdminOrApiKey(ClaimsPrincipal user)
    {
        var role = user.FindFirst(Claims.Role)?.Value;
        return role == nameof(Abstractions.Operators.OperatorRole.Admin)
            || (user.Identity?.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName && role != nameof(Abstractions.Operators.OperatorRole.Agent));
    }

    private static async Task<Created<CampaignView>> CreateAsync(CreateCampaignRequest request, ClaimsPrincipal user, IGrainFactory grains, ICampaignStore store,
        TimeProvider time, IIdGenerator ids)
    {
        var tenant = user.TenantId();
        var name = request.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            throw DomainException.Invalid($"name: 1 to {FieldLimits.Name} characters are required.");
        }

        var channels = BusinessMessageEndpoints.ChannelsOf(request.Channels);
        if (channels.Count == 0)
        {
            throw DomainException.Invalid($"channels: 1 to {FieldLimits.ChannelPreferences} channels to try in order are required.");
        }

        var contents = await ContentsAsync(request.Contents, channels, grains, tenant);
        var settings = await grains.GetGrain<ITenantGrain>(tenant).GetSettingsAsync();
        var topic = request.Topic is { } key ? SubscriptionEndpoints.TopicOf(key, settings).Key : null;
        var audience = AudienceOf(request.Audience, settings, topic);
        var tag = request.MessageTag?.Trim() is { Length: > 0 } t ? t : null;
        var now = time.GetUtcNow();
        var startAt = request.StartAt is { } text ? StartOf(text, settings, now) : now;
        var campaign = new Campaign(tenant, ids.NewId(), name, CampaignStatus.Scheduled, topic, audience, contents, channels, tag, startAt, 0, false, now, now, null);
        await store.AddAsync(campaign);
        return TypedResults.Created($"/api/v1/campaigns/{campaign.Id}", await ViewAsync(campaign, store));
    }

    private static async Task<Ok<IReadOnlyList<CampaignView>>> ListAsync(ClaimsPrincipal user, ICampaignStore store, int? limit = null)
    {
        if (limit is < 1 or > 100)
        {
            throw DomainException.Invalid("limit: 1 to 100.");
        }

        var views = new List<CampaignView>();
        foreach (var campaign in await store.ListAsync(user.TenantId(), limit ?? 20))
        {
            views.Add(await ViewAsync(campaign, store));
        }

        return TypedResults.Ok<IReadOnlyList<CampaignView>>(views);
    }

    private static async Task<Ok<CampaignView>> GetAsync(Guid id, ClaimsPrincipal user, ICampaignStore store) =>
        TypedResults.Ok(await ViewAsync(await store.FindAsync(user.TenantId(), id) ?? throw DomainException.NotFound("No such campaign."), store));

    private static async Task<Ok<IReadOnlyList<CampaignRecipientView>>> RecipientsAsync(Guid id, ClaimsPrincipal user, ICampaignStore store,
        string? status = null, Guid? after = null, int? limit = null)
    {
        if (limit is < 1 or > FieldLimits.CampaignPage)
        {
            throw DomainException.Invalid($"limit: 1 to {FieldLimits.CampaignPage}.");
        }

        CampaignRecipientStatus? filter = null;
        if (status is not null)
        {
            filter = Enum.TryParse<CampaignRecipientStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(status, out _)
                ? parsed
                : throw DomainException.Invalid($"status: one of {string.Join(", ", Enum.GetNames<CampaignRecipientStatus>())}.");
        }

        var tenant = user.TenantId();
        _ = await store.FindAsync(tenant, id) ?? throw DomainException.NotFound("No such campaign.");
        var page = await store.RecipientsAsync(tenant, id, filter, after, limit ?? 100);
        return TypedResults.Ok<IReadOnlyList<CampaignRecipientView>>([.. page.Select(r => new CampaignRecipientView(r.CustomerId, r.Status.ToString(),
            (Contracts.Channels.ChannelKind?)r.Channel, r.Rule, r.Detail, r.MessageId, r.Delivery?.ToString(), r.SentAt, r.Replied))]);
    }

    private static async Task<Ok<CampaignView>> ChangeAsync(Guid id, ClaimsPrincipal user, ICampaignStore store, TimeProvider time,
        CampaignStatus[] from, CampaignStatus to, string verb)
    {
        var (campaign, changed) = await store.ChangeStatusAsync(user.TenantId(), id, from, to, time.GetUtcNow());
        if (campaign is null)
        {
            throw DomainException.NotFound("No such campaign.");
        }

        return changed || campaign.Status == to
            ? TypedResults.Ok(await ViewAsync(campaign, store))
            : throw DomainException.Conflict($"The campaign is {campaign.Status.ToString().ToLowerInvariant()}: it cannot {verb}.");
    }

    /// <summary>One content per channel at most, and one for any channel; every channel tried must have one.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> ContentsAsync(IReadOnlyList<CampaignContentRequest>? requested,
        IReadOnlyList<Abstractions.Channels.ChannelKind> channels, IGrainFactory grains, Guid tenant)
    {
        if (requested is not { Count: > 0 })
        {
            throw DomainException.Invalid("contents: at least one content is required (one without channel for any channel, one per channel that needs its own).");
        }

        var contents = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < requested.Count; i++)
        {
            var item = requested[i] ?? throw DomainException.Invalid($"contents[{i}]: a content is required.");
            if (item.Channel is { } c && !Enum.IsDefined(c))
            {
                throw DomainException.Invalid($"contents[{i}].channel: not a channel.");
            }

            var key = item.Channel is { } channel ? channel.ToDomain().ToString() : Campaign.AnyChannel;
            if (contents.ContainsKey(key))
            {
                throw DomainException.Invalid($"contents[{i}].channel: a second content for {(key == Campaign.AnyChannel ? "any channel" : key)}.");
            }

            contents[key] = MessageJson.Serialize(await BusinessMessageEndpoints.ContentOfAsync(item.Text, item.Buttons, item.Template, grains, tenant, $"contents[{i}]."));
        }

        var missing = channels.Where(c => !contents.ContainsKey(c.ToString())).ToList();
        if (!contents.ContainsKey(Campaign.AnyChannel) && missing.Count > 0)
        {
            throw DomainException.Invalid($"contents: no content for {string.Join(", ", missing)}; add one for each or one without channel.");
        }

        return contents;
    }

    private static CampaignAudience AudienceOf(CampaignAudienceRequest? request, TenantSettings settings, string? topic)
    {
        if (request is null)
        {
            return new CampaignAudience([], [], new Dictionary<string, string>(), null, null, null, false);
        }

        var tags = new List<string>();
        for (var i = 0; i < (request.Tags?.Count ?? 0); i++)
        {
            var tag = request.Tags![i]?.Trim();
            tags.Add(tag is { Length: > 0 } ? tag.ToLowerInvariant() : throw DomainException.Invalid($"audience.tags[{i}]: a tag is required."));
        }

        var channels = request.Channels ?? [];
        for (var i = 0; i < channels.Count; i++)
        {
            if (!Enum.IsDefined(channels[i]))
            {
                throw DomainException.Invalid($"audience.channels[{i}]: not a channel.");
            }
        }

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in request.Attributes ?? new Dictionary<string, string>())
        {
            if (string.IsNullOrWhiteSpace(name) || name.Length > FieldLimits.AttributeName)
            {
                throw DomainException.Invalid($"audience.attributes: names of 1 to {FieldLimits.AttributeName} characters.");
            }

            if (value is null || value.Length > FieldLimits.AttributeValue)
            {
                throw DomainException.Invalid($"audience.attributes.{name}: a value of at most {FieldLimits.AttributeValue} characters.");
            }

            attributes[name] = value;
        }

        if (request.SubscribedOnly == true && topic is null)
        {
            throw DomainException.Invalid("audience.subscribedOnly: only with a topic (the customers who subscribed to it).");
        }

        var consent = request.Consent?.Trim() is { Length: > 0 } c ? c : null;
        return new CampaignAudience(tags, [.. channels.Select(x => x.ToDomain()).Distinct()], attributes,
            request.ActiveSince is { } a ? TimeOf(a, settings, "audience.activeSince") : null,
            request.InactiveSince is { } b ? TimeOf(b, settings, "audience.inactiveSince") : null, consent, request.SubscribedOnly == true);
    }

    private static DateTimeOffset StartOf(string text, TenantSettings settings, DateTimeOffset now)
    {
        var at = TimeOf(text, settings, "startAt");
        if (at > now + ScheduledMessageEndpoints.MaxAhead)
        {
            throw DomainException.Invalid($"startAt: at most {ScheduledMessageEndpoints.MaxAhead.TotalDays:0} days ahead.");
        }

        return at < now ? now : at;
    }

    /// <summary>An ISO 8601 time as <c>sendAt</c> reads it, with problems naming <paramref name="field"/>.</summary>
    private static DateTimeOffset TimeOf(string text, TenantSettings settings, string field)
    {
        try
        {
            return ScheduledMessageEndpoints.SendAtOf(text, settings.WorkingHours).ToUniversalTime();
        }
        catch (DomainException ex) when (ex.Code == DomainErrorCode.Invalid)
        {
            throw DomainException.Invalid(field + ex.Message["sendAt".Length..]);
        }
    }

    private static async Task<CampaignView> ViewAsync(Campaign campaign, ICampaignStore store)
    {
        var c = await store.CountAsync(campaign.TenantId, campaign.Id);
        return new CampaignView(campaign.Id, campaign.Name, campaign.Status.ToString(), campaign.Topic,
            [.. campaign.Channels.Select(x => (Contracts.Channels.ChannelKind)x)], campaign.StartAt, campaign.PlanDone,
            new CampaignCountsView(c.Planned, c.Waiting, c.Sent, c.Delivered, c.Read, c.Failed, c.Refused, c.OptedOut, c.Replied, c.Cancelled),
            campaign.CreatedAt, campaign.FinishedAt);
    }
}
