using System.Security.Claims;
using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Operators;
using Conversations.Abstractions.Tenants;
using Conversations.Api.Auth;
using Conversations.Api.Contracts.Conversations;
using Conversations.Api.Contracts.Messages;
using Conversations.Api.Mappings;
using Conversations.Channels.Contracts;
using Conversations.Persistence.Media;
using Conversations.Persistence.Outbox;
using Conversations.Persistence.Queries;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using ApiMessage = Conversations.Api.Contracts.Messages.ApiMessage;
using BotPart = Conversations.Api.Contracts.Conversations.BotPart;
using ChannelKind = Conversations.Api.Contracts.Channels.ChannelKind;
using ConversationStatus = Conversations.Abstractions.Conversations.ConversationStatus;
using ImageContent = Conversations.Abstractions.Messages.ImageContent;
using DocumentContent = Conversations.Abstractions.Messages.DocumentContent;
using MediaAttachment = Conversations.Abstractions.Messages.MediaAttachment;
using LinkContent = Conversations.Abstractions.Messages.LinkContent;
using MessageContent = Conversations.Abstractions.Messages.MessageContent;
using MessageDirection = Conversations.Abstractions.Messages.MessageDirection;
using QueueEntry = Conversations.Api.Contracts.Conversations.QueueEntry;
using LabelUsage = Conversations.Api.Contracts.Conversations.LabelUsage;
using TextContent = Conversations.Abstractions.Messages.TextContent;
using TemplateContent = Conversations.Abstractions.Messages.TemplateContent;
using IMessageTemplateLibraryGrain = Conversations.Abstractions.Channels.IMessageTemplateLibraryGrain;
using MessageTemplateRules = Conversations.Abstractions.Channels.MessageTemplateRules;

namespace Conversations.Api.Operators;

/// <summary>
/// The operator's work: the inbox, the queue, a conversation's history, and the actions (take, reply, release,
/// transfer, close, remind). Every route is scoped to the caller's tenant: a conversation of another tenant is
/// simply not found, because grain keys include the tenant taken from the token.
/// </summary>
public static class ConversationEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapConversationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Conversations").RequireAuthorization(AuthExtensions.OperatorPolicy);
        api.MapGet("/inbox", InboxAsync).WithSummary("Conversations with customer activity in the last 24 h (older with all=true); waiting customers first");
        api.MapGet("/labels", LabelsAsync).WithSummary("The labels on the tenant's open conversations, most used first (what the inbox's label filter offers)");
        api.MapGet("/channels", ChannelKindsAsync).WithSummary("The kinds of channel the tenant has connected (what the inbox's channel filter offers)");
        api.MapGet("/queue", QueueAsync).WithSummary("Customers waiting for an operator, longest waiting first, callback requests included");
        api.MapGet("/conversations/{id:guid}", GetAsync).WithSummary("A conversation with its customer");
        api.MapGet("/conversations/{id:guid}/bot-parts", BotPartsAsync)
            .WithSummary("The parts of the bot an operator can send in this conversation, each with a preview of what the customer gets")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/conversations/{id:guid}/messages", MessagesAsync).WithSummary("History (customer and operator by default; bot and events on request)");

        var actions = api.MapGroup("/conversations/{id:guid}").RequireRateLimiting(AuthExtensions.WriteLimit);
        actions.MapPost("/take", TakeAsync).WithSummary("Take the chat (conflict when a colleague has it)");
        actions.MapPost("/release", ReleaseAsync).WithSummary("Hand the chat back to the bot");
        actions.MapPost("/transfer", TransferAsync).WithSummary("Pass the chat to a colleague, or to a group of colleagues (it waits in the queue for a member)")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        actions.MapPost("/close", CloseAsync).WithSummary("Close the conversation");
        actions.MapPost("/remind", RemindAsync).WithSummary("Remind a silent customer");
        actions.MapPost("/messages", SendAsync).WithSummary("Reply: text, image, link, canned reply or a part of the bot; on the channel the customer last wrote from, or on another linked channel (channel)")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        actions.MapPost("/assist", OperatorAssistEndpoint.AssistAsync).WithSummary("Optional AI: a summary of the conversation and a suggested reply to edit")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        actions.MapPost("/notes", AddNoteAsync).WithSummary("Write a private note: shown to operators in the history (an event), never sent to the customer")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        actions.MapPost("/signals", ConversationSignalEndpoint.SignalAsync)
            .WithSummary("The operator is typing (only the one who has the chat) or has read up to a message: shown to the customer in the widget, never stored")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        actions.MapPut("/labels", SetLabelsAsync).WithSummary("Set the conversation's labels (replacing them; any operator of the tenant, at any status)")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<InboxPage>> InboxAsync(ClaimsPrincipal user, IReadModels read, TimeProvider time,
        string? filter = null, ChannelKind? channel = null, bool all = false, string? cursor = null, int limit = 50, string? label = null)
    {
        if (limit is < 1 or > 200)
        {
            throw DomainException.Invalid("limit is between 1 and 200.");
        }

        var after = cursor is null ? null : InboxCursor.TryParse(cursor) ?? throw DomainException.Invalid("That cursor is not one this API returned.");
        var now = time.GetUtcNow();
        var query = new InboxQuery(user.TenantId(), null, null, false, channel?.ToDomain(), all ? null : now.AddHours(-24), after, limit,
            string.IsNullOrWhiteSpace(label) ? null : ConversationLabels.One(label, "label"));
        query = (filter?.ToLowerInvariant()) switch
        {
            null or "" or "all" => query,
            "mine" => query with { AssignedOperatorId = user.RequireOperatorId(), Statuses = [ConversationStatus.LiveChat] },
            "unassigned" => query with { Unassigned = true },
            "waiting" => query with { Statuses = [ConversationStatus.WaitingForOperator] },
            "live" => query with { Statuses = [ConversationStatus.LiveChat] },
            "bot" => query with { Statuses = [ConversationStatus.Bot] },
            "closed" => query with { Statuses = [ConversationStatus.Closed] },
            _ => throw DomainException.Invalid($"Unknown filter '{filter}': use all, mine, unassigned, waiting, live, bot or closed."),
        };
        var rows = await read.QueryInboxAsync(query);
        var next = rows.Count == limit
            ? new InboxCursor(InboxCursor.RankOf(rows[^1].Status == ConversationStatus.WaitingForOperator, rows[^1].WaitingSince, rows[^1].LastActivityAt), rows[^1].ConversationId).ToString()
            : null;
        return TypedResults.Ok(new InboxPage([.. rows.Select(r => r.ToInboxItem(now))], next));
    }

    private static async Task<Ok<IReadOnlyList<LabelUsage>>> LabelsAsync(ClaimsPrincipal user, IReadModels read) =>
        TypedResults.Ok<IReadOnlyList<LabelUsage>>([.. (await read.ListLabelsAsync(user.TenantId(), 200)).Select(l => new LabelUsage(l.Label, l.Conversations))]);

    private static async Task<Ok<InboxItem>> SetLabelsAsync(Guid id, SetLabelsRequest request, ClaimsPrincipal user, IGrainFactory grains, InboxRows rows)
    {
        var conversation = Conversation(user, grains, id);
        await ViewAsync(conversation);
        var labels = request.Labels ?? throw DomainException.Invalid("labels: give the list of labels (an empty list removes them all).");
        return TypedResults.Ok(await rows.FromAsync(await conversation.SetLabelsAsync(user.RequireOperatorId(), labels)));
    }

    private static async Task<Ok<IReadOnlyList<ChannelKind>>> ChannelKindsAsync(ClaimsPrincipal user, Admin.ChannelAdministration channels) =>
        TypedResults.Ok<IReadOnlyList<ChannelKind>>([.. (await channels.ListAsync(user.TenantId())).Where(a => a.Enabled).Select(a => a.Key.Kind).Distinct().Order()
            .Select(kind => (ChannelKind)kind)]);

    private static async Task<Ok<IReadOnlyList<QueueEntry>>> QueueAsync(ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok<IReadOnlyList<QueueEntry>>([.. (await grains.GetGrain<IOperatorQueueGrain>(user.TenantId()).GetWaitingAsync()).Select(e => e.ToContract())]);

    private static async Task<Ok<ConversationDetail>> GetAsync(Guid id, ClaimsPrincipal user, IGrainFactory grains, InboxRows rows)
    {
        var view = await ViewAsync(Conversation(user, grains, id));
        var customer = await grains.GetGrain<ICustomerGrain>(new CustomerKey(view.TenantId, view.CustomerId).ToGrainKey()).GetProfileAsync();
        return TypedResults.Ok(new ConversationDetail(await rows.FromAsync(view), [.. (view.Windows ?? []).Select(w => w.ToContract())], customer?.ToContract()));
    }

    private static async Task<Ok<IReadOnlyList<ApiMessage>>> MessagesAsync(Guid id, ClaimsPrincipal user, IGrainFactory grains, IOutboxStore outbox,
        long after = 0, int limit = 100, bool includeBot = false, bool includeEvents = false)
    {
        var conversation = Conversation(user, grains, id);
        await ViewAsync(conversation);
        var messages = await conversation.GetHistoryAsync(new HistoryQuery(after, limit, includeBot, includeEvents));
        var outbound = messages.Where(m => m.Direction is MessageDirection.Bot or MessageDirection.Operator).Select(m => m.MessageId).ToList();
        var delivery = await outbox.GetDeliveryAsync(user.TenantId(), outbound);
        return TypedResults.Ok<IReadOnlyList<ApiMessage>>([.. messages.Select(m => m.ToContract(delivery.GetValueOrDefault(m.MessageId) ?? m.DeliveredByCommit()))]);
    }

    private static async Task<Ok<InboxItem>> TakeAsync(Guid id, ClaimsPrincipal user, IGrainFactory grains, InboxRows rows) =>
        TypedResults.Ok(await rows.FromAsync(await Conversation(user, grains, id).TakeAsync(new OperatorRef(user.RequireOperatorId(), user.DisplayName()))));

    private static async Task<Ok<InboxItem>> ReleaseAsync(Guid id, ClaimsPrincipal user, IGrainFactory grains, InboxRows rows) =>
        TypedResults.Ok(await rows.FromAsync(await Conversation(user, grains, id).ReleaseAsync(user.RequireOperatorId())));

    private static async Task<Ok<InboxItem>> TransferAsync(Guid id, TransferRequest request, ClaimsPrincipal user, IGrainFactory grains, InboxRows rows)
    {
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note;
        if (request is { OperatorId: not null, Group: not null } or { OperatorId: null, Group: null })
        {
            throw DomainException.Invalid("operatorId, group: give the colleague's operatorId or a group, one of the two.");
        }

        if (request.Group is { } wanted)
        {
            var group = ConversationLabels.One(wanted, "group");
            var members = await GroupMembersAsync(user, grains, group);
            if (members == 0)
            {
                throw DomainException.Rule("transfer.empty_group", $"group: no operator is in the group '{group}'; an admin puts operators in groups.");
            }

            return TypedResults.Ok(await rows.FromAsync(await Conversation(user, grains, id).TransferToGroupAsync(user.RequireOperatorId(), group, note)));
        }

        var colleague = await grains.GetGrain<IOperatorGrain>(new OperatorKey(user.TenantId(), request.OperatorId!.Value).ToGrainKey()).GetAsync()
            ?? throw DomainException.NotFound("No such colleague in your tenant.");
        var view = await Conversation(user, grains, id).TransferAsync(user.RequireOperatorId(), new OperatorRef(colleague.OperatorId, colleague.DisplayName), note);
        return TypedResults.Ok(await rows.FromAsync(view));
    }

    /// <summary>How many of the tenant's operators are in <paramref name="group"/>.</summary>
    private static async Task<int> GroupMembersAsync(ClaimsPrincipal user, IGrainFactory grains, string group)
    {
        var count = 0;
        foreach (var operatorId in (await grains.GetGrain<ITenantGrain>(user.TenantId()).GetOperatorsAsync()).Values)
        {
            if (await grains.GetGrain<IOperatorGrain>(new OperatorKey(user.TenantId(), operatorId).ToGrainKey()).GetAsync() is { Groups: { } groups }
                && groups.Contains(group, StringComparer.Ordinal))
            {
                count++;
            }
        }

        return count;
    }

    private static async Task<Ok<InboxItem>> CloseAsync(Guid id, ClaimsPrincipal user, IGrainFactory grains, InboxRows rows)
    {
        var conversation = Conversation(user, grains, id);
        await ViewAsync(conversation);
        return TypedResults.Ok(await rows.FromAsync(await conversation.CloseAsync(user.RequireOperatorId())));
    }

    private static async Task<Ok<InboxItem>> RemindAsync(Guid id, ClaimsPrincipal user, IGrainFactory grains, InboxRows rows) =>
        TypedResults.Ok(await rows.FromAsync(await Conversation(user, grains, id).RemindCustomerAsync(user.RequireOperatorId())));

    private static async Task<Ok<IReadOnlyList<BotPart>>> BotPartsAsync(Guid id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var view = await ViewAsync(Conversation(user, grains, id));
        var customer = await grains.GetGrain<ICustomerGrain>(new CustomerKey(view.TenantId, view.CustomerId).ToGrainKey()).GetProfileAsync();
        if (customer is null || view.LastChannel?.Kind is not { } channel)
        {
            return TypedResults.Ok<IReadOnlyList<BotPart>>([]);
        }

        var parts = await grains.GetGrain<IScenarioGrain>(view.TenantId).ListPartsAsync(customer, channel);
        return TypedResults.Ok<IReadOnlyList<BotPart>>([.. parts.Select(p => new BotPart(p.StepId, [.. p.Contents.Select(c => c.ToContract())]))]);
    }

    private static async Task<Ok<ApiMessage>> AddNoteAsync(Guid id, AddNoteRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var conversation = Conversation(user, grains, id);
        await ViewAsync(conversation);
        return TypedResults.Ok((await conversation.AddNoteAsync(user.RequireOperatorId(), request.Text)).ToContract());
    }

    private static async Task<Ok<IReadOnlyList<ApiMessage>>> SendAsync(Guid id, SendMessageRequest request, ClaimsPrincipal user, IGrainFactory grains, IMediaStore media)
    {
        var conversation = Conversation(user, grains, id);
        var view = await ViewAsync(conversation);
        var contents = await ContentsAsync(request, user, grains, view, media);
        var sent = request.Channel is { } channel
            ? await conversation.SendOperatorMessageOnAsync(user.RequireOperatorId(), contents, await CustomerOfAsync(grains, view), channel.ToDomain())
            : await conversation.SendOperatorMessageAsync(user.RequireOperatorId(), contents);
        return TypedResults.Ok<IReadOnlyList<ApiMessage>>([.. sent.Select(m => m.ToContract(m.DeliveredByCommit()))]);
    }

    /// <summary>The conversation's customer as their grain knows them now (with identities a merge brought).</summary>
    private static async Task<CustomerProfile> CustomerOfAsync(IGrainFactory grains, ConversationView view) =>
        await grains.GetGrain<ICustomerGrain>(new CustomerKey(view.TenantId, view.CustomerId).ToGrainKey()).GetProfileAsync()
        ?? throw DomainException.NotFound("The conversation's customer no longer exists.");

    /// <summary>What a reply request sends: exactly one of the kinds, checked here with a message saying which.</summary>
    private static async Task<IReadOnlyList<MessageContent>> ContentsAsync(SendMessageRequest request, ClaimsPrincipal user, IGrainFactory grains,
        ConversationView view, IMediaStore media)
    {
        var kinds = new[] { request.Text is not null, request.ImageUrl is not null, request.LinkUrl is not null,
            request.CannedReplyId is not null || request.CannedShortcut is not null, request.BotStep is not null, request.MediaId is not null,
            request.Template is not null }.Count(k => k);
        if (kinds != 1)
        {
            throw DomainException.Invalid("Send exactly one of: text, imageUrl (+caption), linkUrl + linkTitle, cannedReplyId or cannedShortcut, botStep, mediaId (+caption), template.");
        }

        if (request.Template is { } template)
        {
            return [await TemplateAsync(template, grains, view.TenantId)];
        }

        if (request.MediaId is { } mediaId)
        {
            var file = await media.FindAsync(user.TenantId(), mediaId)
                ?? throw DomainException.NotFound("mediaId: no such file (upload it first with POST /api/v1/media).");
            var attachment = MediaAttachment.Stored(file.MediaId, file.ContentType, file.Size);
            return [file.ContentType is "image/jpeg" or "image/png" or "image/gif" or "image/webp"
                ? new ImageContent(null, null, request.Caption, null, attachment)
                : new DocumentContent("", file.FileName, file.ContentType, request.Caption, attachment)];
        }

        if (request.Text is { } text)
        {
            return [new TextContent(text.Trim())];
        }

        if (request.ImageUrl is { } imageUrl)
        {
            return [new ImageContent(imageUrl, null, request.Caption)];
        }

        if (request.LinkUrl is { } linkUrl)
        {
            return [new LinkContent(linkUrl, request.LinkTitle ?? "", request.Caption)];
        }

        if (request.BotStep is { } step)
        {
            var customer = await grains.GetGrain<ICustomerGrain>(new CustomerKey(view.TenantId, view.CustomerId).ToGrainKey()).GetProfileAsync()
                ?? throw DomainException.NotFound("The conversation's customer no longer exists.");
            var channel = view.LastChannel?.Kind ?? throw DomainException.Rule("The customer has no channel to reply to yet.");
            return await grains.GetGrain<IScenarioGrain>(view.TenantId).RenderStepAsync(step, customer, channel);
        }

        var library = grains.GetGrain<ICannedReplyLibraryGrain>(user.TenantId());
        var id = request.CannedReplyId
            ?? (await library.ListAsync()).FirstOrDefault(r => r.Shortcut == request.CannedShortcut)?.Id
            ?? throw DomainException.NotFound($"No canned reply with the shortcut '{request.CannedShortcut}'.");
        return (await library.UseAsync(id)).Contents;
    }

    /// <summary>An approved template of the tenant's library with one value per placeholder, checked here with a message saying which field is wrong.</summary>
    internal static async Task<TemplateContent> TemplateAsync(SendTemplate request, IGrainFactory grains, Guid tenantId)
    {
        var name = request.Name?.Trim() ?? "";
        var language = request.Language?.Trim() ?? "";
        if (name.Length == 0 || language.Length == 0)
        {
            throw DomainException.Invalid("template.name and template.language are required (GET /api/v1/whatsapp-templates lists them).");
        }

        var template = await grains.GetGrain<IMessageTemplateLibraryGrain>(tenantId).FindAsync(name, language)
            ?? throw DomainException.NotFound($"template: no template '{name}' in language '{language}' (GET /api/v1/whatsapp-templates lists them; an admin syncs them from Meta).");
        if (!template.IsApproved)
        {
            throw DomainException.Rule($"template: '{name}' ({language}) is {template.Status} at Meta; only APPROVED templates can be sent.");
        }

        var values = request.Parameters ?? [];
        var placeholders = template.Placeholders;
        if (values.Count != placeholders.Count)
        {
            throw DomainException.Invalid($"template.parameters: '{name}' has {placeholders.Count} placeholder(s) ({string.Join(", ", placeholders.Select(p => "{{" + p + "}}"))}); {values.Count} value(s) were given.");
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(values[i]) || values[i].Length > MessageTemplateRules.MaxBodyLength)
            {
                throw DomainException.Invalid($"template.parameters[{i}]: a value of 1 to {MessageTemplateRules.MaxBodyLength} characters is required for {{{{{placeholders[i]}}}}}.");
            }
        }

        var named = placeholders.Any(p => !p.All(char.IsAsciiDigit));
        return new TemplateContent(template.Name, template.Language, [.. values], template.Fill(values), named ? placeholders : null);
    }

    private static IConversationGrain Conversation(ClaimsPrincipal user, IGrainFactory grains, Guid id) =>
        grains.GetGrain<IConversationGrain>(new ConversationKey(user.TenantId(), id).ToGrainKey());

    private static async Task<ConversationView> ViewAsync(IConversationGrain conversation) =>
        await conversation.GetViewAsync() ?? throw DomainException.NotFound("No such conversation.");
}
