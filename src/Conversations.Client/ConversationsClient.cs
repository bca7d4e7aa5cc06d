using System.Globalization;
using System.Net.Http.Headers;
using Conversations.Api.Contracts.Auth;
using Conversations.Api.Contracts.Channels;
using Conversations.Api.Contracts.Conversations;
using Conversations.Api.Contracts.Customers;
using Conversations.Api.Contracts.Media;
using Conversations.Api.Contracts.Messages;
using Conversations.Api.Contracts.Operators;
using Conversations.Api.Contracts.Tenants;
using Conversations.Client.Feed;

namespace Conversations.Client;

/// <summary>
/// An operator's client of the Conversations API (<c>/api/v1</c>): sign in, the inbox and queue, a conversation's
/// history, the live-chat actions, replies, canned replies, search, and the live feed (<see cref="WatchAsync(CancellationToken)"/>).
/// Every refusal of the API is thrown as a <see cref="ConversationsApiException"/>; an unreachable server as
/// <see cref="HttpRequestException"/>.
/// </summary>
public sealed class ConversationsClient : IDisposable
{
    private readonly ApiConnection _api;
    private readonly bool _ownsHttp;

    /// <summary>A client over <paramref name="http"/>, whose <see cref="HttpClient.BaseAddress"/> is the server (e.g. http://localhost:5080).</summary>
    public ConversationsClient(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.BaseAddress is null)
        {
            throw new ArgumentException("Set the HttpClient's BaseAddress to the server's address.", nameof(http));
        }

        _api = new ApiConnection(http, Authorize);
    }

    /// <summary>A client of the server at <paramref name="server"/> with an HttpClient of its own.</summary>
    public ConversationsClient(Uri server)
        : this(new HttpClient { BaseAddress = server })
    {
        _ownsHttp = true;
    }

    /// <summary>The server.</summary>
    public Uri Server => _api.Http.BaseAddress!;

    /// <summary>The bearer token sent with every request (set by <see cref="LoginAsync"/>, or by the caller).</summary>
    public string? AccessToken { get; set; }

    /// <summary>An integration's API key, sent as <c>X-Api-Key</c> when there is no <see cref="AccessToken"/>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Signs in; the token is kept in <see cref="AccessToken"/> for the following calls.</summary>
    public async Task<LoginResponse> LoginAsync(string tenant, string username, string password, CancellationToken cancellationToken = default)
    {
        var login = await _api.SendAsync<LoginResponse>(HttpMethod.Post, "api/v1/auth/login", new LoginRequest(tenant, username, password), cancellationToken);
        AccessToken = login.AccessToken;
        return login;
    }

    /// <summary>The signed-in operator.</summary>
    public Task<OperatorInfo> GetMeAsync(CancellationToken cancellationToken = default) =>
        _api.SendAsync<OperatorInfo>(HttpMethod.Get, "api/v1/me", null, cancellationToken);

    /// <summary>Goes online, away or offline.</summary>
    public Task<OperatorInfo> SetPresenceAsync(OperatorPresence presence, CancellationToken cancellationToken = default) =>
        _api.SendAsync<OperatorInfo>(HttpMethod.Put, "api/v1/me/presence", new PresenceRequest(presence), cancellationToken);

    /// <summary>
    /// The inbox: conversations with customer activity in the last 24 hours (older too with <paramref name="all"/>),
    /// waiting customers first. Pass the page's <see cref="InboxPage.NextCursor"/> as <paramref name="cursor"/> for more.
    /// </summary>
    public Task<InboxPage> GetInboxAsync(InboxFilter filter = InboxFilter.All, ChannelKind? channel = null, bool all = false, string? cursor = null,
        int limit = 50, CancellationToken cancellationToken = default) =>
        GetInboxAsync(filter, channel, all, cursor, limit, label: null, cancellationToken);

    /// <summary>A page of the inbox with only the conversations that carry <paramref name="label"/> (when given).</summary>
    public Task<InboxPage> GetInboxAsync(InboxFilter filter, ChannelKind? channel, bool all, string? cursor, int limit, string? label,
        CancellationToken cancellationToken = default)
    {
        var query = new QueryString()
            .Add("filter", filter.ToString().ToLowerInvariant())
            .Add("channel", channel?.ToString())
            .Add("all", all ? "true" : null)
            .Add("cursor", cursor)
            .Add("limit", limit)
            .Add("label", label);
        return _api.SendAsync<InboxPage>(HttpMethod.Get, "api/v1/inbox" + query, null, cancellationToken);
    }

    /// <summary>Customers waiting for an operator, longest waiting first (callback requests included).</summary>
    public Task<IReadOnlyList<QueueEntry>> GetQueueAsync(CancellationToken cancellationToken = default) =>
        _api.SendAsync<IReadOnlyList<QueueEntry>>(HttpMethod.Get, "api/v1/queue", null, cancellationToken);

    /// <summary>A conversation with its messaging windows and its customer.</summary>
    public Task<ConversationDetail> GetConversationAsync(Guid conversationId, CancellationToken cancellationToken = default) =>
        _api.SendAsync<ConversationDetail>(HttpMethod.Get, Conversation(conversationId), null, cancellationToken);

    /// <summary>
    /// Messages after sequence number <paramref name="after"/> (0: from the start), oldest first: customer and
    /// operator messages, plus bot messages and conversation events on request.
    /// </summary>
    public Task<IReadOnlyList<ApiMessage>> GetMessagesAsync(Guid conversationId, long after = 0, int limit = 100, bool includeBot = false,
        bool includeEvents = false, CancellationToken cancellationToken = default)
    {
        var query = new QueryString()
            .Add("after", after)
            .Add("limit", limit)
            .Add("includeBot", includeBot ? "true" : null)
            .Add("includeEvents", includeEvents ? "true" : null);
        return _api.SendAsync<IReadOnlyList<ApiMessage>>(HttpMethod.Get, Conversation(conversationId) + "/messages" + query, null, cancellationToken);
    }

    /// <summary>Takes the chat (live chat on: the bot goes silent). A colleague's chat is a 409 conflict naming them.</summary>
    public Task<InboxItem> TakeAsync(Guid conversationId, CancellationToken cancellationToken = default) => ActAsync(conversationId, "take", null, cancellationToken);

    /// <summary>Hands the chat back to the bot.</summary>
    public Task<InboxItem> ReleaseAsync(Guid conversationId, CancellationToken cancellationToken = default) => ActAsync(conversationId, "release", null, cancellationToken);

    /// <summary>Passes the chat to a colleague.</summary>
    public Task<InboxItem> TransferAsync(Guid conversationId, Guid operatorId, CancellationToken cancellationToken = default) =>
        ActAsync(conversationId, "transfer", new TransferRequest(operatorId), cancellationToken);

    /// <summary>Passes the chat to a colleague with a private note for them (never sent to the customer).</summary>
    public Task<InboxItem> TransferAsync(Guid conversationId, Guid operatorId, string? note, CancellationToken cancellationToken = default) =>
        ActAsync(conversationId, "transfer", new TransferRequest(operatorId, note), cancellationToken);

    /// <summary>Passes the chat to a group of colleagues, with an optional private note: it waits in the queue for a member.</summary>
    public Task<InboxItem> TransferToGroupAsync(Guid conversationId, string group, string? note = null, CancellationToken cancellationToken = default) =>
        ActAsync(conversationId, "transfer", new TransferRequest(Group: group, Note: note), cancellationToken);

    /// <summary>Writes a private note into the conversation: colleagues see it, the customer never gets it.</summary>
    public Task<ApiMessage> AddNoteAsync(Guid conversationId, string text, CancellationToken cancellationToken = default) =>
        _api.SendAsync<ApiMessage>(HttpMethod.Post, Conversation(conversationId) + "/notes", new AddNoteRequest(text), cancellationToken);

    /// <summary>Replaces the conversation's labels (an empty list removes them all).</summary>
    public Task<InboxItem> SetLabelsAsync(Guid conversationId, IReadOnlyList<string> labels, CancellationToken cancellationToken = default) =>
        _api.SendAsync<InboxItem>(HttpMethod.Put, Conversation(conversationId) + "/labels", new SetLabelsRequest(labels), cancellationToken);

    /// <summary>The labels on the tenant's open conversations, most used first.</summary>
    public Task<IReadOnlyList<LabelUsage>> GetLabelsAsync(CancellationToken cancellationToken = default) =>
        _api.SendAsync<IReadOnlyList<LabelUsage>>(HttpMethod.Get, "api/v1/labels", null, cancellationToken);

    /// <summary>The tenant's operators and admins with their presence (whom to transfer a chat to).</summary>
    public Task<IReadOnlyList<OperatorInfo>> GetColleaguesAsync(CancellationToken cancellationToken = default) =>
        _api.SendAsync<IReadOnlyList<OperatorInfo>>(HttpMethod.Get, "api/v1/operators", null, cancellationToken);

    /// <summary>Closes the conversation; the customer's next message opens a new one.</summary>
    public Task<InboxItem> CloseAsync(Guid conversationId, CancellationToken cancellationToken = default) => ActAsync(conversationId, "close", null, cancellationToken);

    /// <summary>Reminds a silent customer that an answer is awaited.</summary>
    public Task<InboxItem> RemindAsync(Guid conversationId, CancellationToken cancellationToken = default) => ActAsync(conversationId, "remind", null, cancellationToken);

    /// <summary>Replies with text.</summary>
    public Task<IReadOnlyList<ApiMessage>> SendTextAsync(Guid conversationId, string text, CancellationToken cancellationToken = default) =>
        SendAsync(conversationId, new SendMessageRequest(Text: text), cancellationToken);

    /// <summary>Replies with an image at <paramref name="imageUrl"/>.</summary>
    public Task<IReadOnlyList<ApiMessage>> SendImageAsync(Guid conversationId, Uri imageUrl, string? caption = null, CancellationToken cancellationToken = default) =>
        SendAsync(conversationId, new SendMessageRequest(ImageUrl: imageUrl.ToString(), Caption: caption), cancellationToken);

    /// <summary>
    /// Uploads a file to the tenant's media store (its type is told from its bytes there); send it with
    /// <see cref="SendFileAsync"/>.
    /// </summary>
    public Task<StoredFile> UploadAsync(Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        var form = new MultipartFormDataContent { { new StreamContent(content), "file", fileName } };
        return _api.SendContentAsync<StoredFile>(HttpMethod.Post, "api/v1/media", form, cancellationToken);
    }

    /// <summary>Replies with an uploaded file (<see cref="UploadAsync"/>): images go as photos, other files as documents.</summary>
    public Task<IReadOnlyList<ApiMessage>> SendFileAsync(Guid conversationId, Guid mediaId, string? caption = null, CancellationToken cancellationToken = default) =>
        SendAsync(conversationId, new SendMessageRequest(MediaId: mediaId, Caption: caption), cancellationToken);

    /// <summary>Replies with a link button titled <paramref name="title"/>, under <paramref name="text"/> if given.</summary>
    public Task<IReadOnlyList<ApiMessage>> SendLinkAsync(Guid conversationId, Uri url, string title, string? text = null, CancellationToken cancellationToken = default) =>
        SendAsync(conversationId, new SendMessageRequest(LinkUrl: url.ToString(), LinkTitle: title, Caption: text), cancellationToken);

    /// <summary>Replies with a canned reply (its usage counter goes up).</summary>
    public Task<IReadOnlyList<ApiMessage>> SendCannedAsync(Guid conversationId, Guid cannedReplyId, CancellationToken cancellationToken = default) =>
        SendAsync(conversationId, new SendMessageRequest(CannedReplyId: cannedReplyId), cancellationToken);

    /// <summary>Replies with the canned reply whose shortcut is <paramref name="shortcut"/>.</summary>
    public Task<IReadOnlyList<ApiMessage>> SendCannedAsync(Guid conversationId, string shortcut, CancellationToken cancellationToken = default) =>
        SendAsync(conversationId, new SendMessageRequest(CannedShortcut: shortcut), cancellationToken);

    /// <summary>Replies with a part of the bot: the scenario step <paramref name="step"/>, rendered for the customer's channel.</summary>
    public Task<IReadOnlyList<ApiMessage>> SendBotStepAsync(Guid conversationId, string step, CancellationToken cancellationToken = default) =>
        SendAsync(conversationId, new SendMessageRequest(BotStep: step), cancellationToken);

    /// <summary>The tenant's canned replies with their usage counters.</summary>
    public Task<IReadOnlyList<CannedReply>> GetCannedRepliesAsync(CancellationToken cancellationToken = default) =>
        _api.SendAsync<IReadOnlyList<CannedReply>>(HttpMethod.Get, "api/v1/canned-replies", null, cancellationToken);

    /// <summary>Adds a canned reply (tenant admins only).</summary>
    public Task<CannedReply> CreateCannedReplyAsync(string shortcut, string title, IReadOnlyList<MessageContent> contents, CancellationToken cancellationToken = default) =>
        _api.SendAsync<CannedReply>(HttpMethod.Post, "api/v1/admin/canned-replies", new CannedReply(Guid.Empty, shortcut, title, contents, 0), cancellationToken);

    /// <summary>Customers whose name, username, phone or e-mail matches <paramref name="query"/> (2 to 200 characters).</summary>
    public Task<IReadOnlyList<CustomerRecord>> SearchCustomersAsync(string query, int limit = 20, CancellationToken cancellationToken = default) =>
        _api.SendAsync<IReadOnlyList<CustomerRecord>>(HttpMethod.Get, "api/v1/customers" + new QueryString().Add("q", query).Add("limit", limit), null,
            cancellationToken);

    /// <summary>A customer's profile and their conversations on every channel.</summary>
    public Task<CustomerDetail> GetCustomerAsync(Guid customerId, CancellationToken cancellationToken = default) =>
        _api.SendAsync<CustomerDetail>(HttpMethod.Get, $"api/v1/customers/{customerId}", null, cancellationToken);

    /// <summary>
    /// Merges <paramref name="absorbedId"/> into <paramref name="survivorId"/>: identities, conversations, contacts, consents and
    /// attributes move; the values they disagreed on are listed with the one kept.
    /// </summary>
    public Task<CustomerMergeResult> MergeCustomersAsync(Guid survivorId, Guid absorbedId, CancellationToken cancellationToken = default) =>
        _api.SendAsync<CustomerMergeResult>(HttpMethod.Post, $"api/v1/customers/{survivorId}/merge", new MergeCustomersRequest(absorbedId), cancellationToken);

    /// <summary>Splits <paramref name="identities"/> out of <paramref name="customerId"/> into a new customer, with the conversations last written from them.</summary>
    public Task<CustomerUnmergeResult> UnmergeCustomerAsync(Guid customerId, IReadOnlyList<CustomerIdentityRef> identities, CancellationToken cancellationToken = default) =>
        _api.SendAsync<CustomerUnmergeResult>(HttpMethod.Post, $"api/v1/customers/{customerId}/unmerge", new UnmergeCustomerRequest(identities), cancellationToken);

    /// <summary>Merges and unmerges of a customer, newest first.</summary>
    public Task<IReadOnlyList<CustomerAuditEntry>> GetCustomerAuditAsync(Guid customerId, int limit = 50, CancellationToken cancellationToken = default) =>
        _api.SendAsync<IReadOnlyList<CustomerAuditEntry>>(HttpMethod.Get, $"api/v1/customers/{customerId}/audit" + new QueryString().Add("limit", limit), null, cancellationToken);

    /// <summary>Messages containing the words of <paramref name="query"/> (any word form), best first; of one customer if given.</summary>
    public Task<IReadOnlyList<MessageSearchResult>> SearchMessagesAsync(string query, Guid? customerId = null, int limit = 20,
        CancellationToken cancellationToken = default) =>
        _api.SendAsync<IReadOnlyList<MessageSearchResult>>(HttpMethod.Get,
            "api/v1/search/messages" + new QueryString().Add("q", query).Add("customerId", customerId?.ToString()).Add("limit", limit), null, cancellationToken);

    /// <summary>
    /// The live feed of the tenant's conversations: every new message exactly once and in order per conversation,
    /// across dropped connections (it reconnects with backoff and catches up). Ends only when cancelled, or with a
    /// <see cref="ConversationsApiException"/> the server will not change its mind about (e.g. 401).
    /// </summary>
    public IAsyncEnumerable<FeedEvent> WatchAsync(CancellationToken cancellationToken = default) => WatchAsync(new FeedWatchOptions(), cancellationToken);

    /// <summary>The live feed, with reconnection settings and a resume position.</summary>
    public IAsyncEnumerable<FeedEvent> WatchAsync(FeedWatchOptions options, CancellationToken cancellationToken = default) =>
        new FeedWatcher(_api, options, FetchForCatchUpAsync).RunAsync(cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _api.Http.Dispose();
        }
    }

    private Task<IReadOnlyList<ApiMessage>> FetchForCatchUpAsync(Guid conversationId, long after, CancellationToken cancellationToken) =>
        GetMessagesAsync(conversationId, after, FeedCatchUp.PageSize, includeBot: true, includeEvents: true, cancellationToken);

    private Task<InboxItem> ActAsync(Guid conversationId, string action, object? body, CancellationToken cancellationToken) =>
        _api.SendAsync<InboxItem>(HttpMethod.Post, $"{Conversation(conversationId)}/{action}", body ?? new { }, cancellationToken);

    /// <summary>
    /// Imports customers from <paramref name="content"/> (CSV with a header row, or JSON lines: <paramref name="mediaType"/>
    /// <c>text/csv</c> or <c>application/x-ndjson</c>), streamed as it is read; the report lists refused rows.
    /// </summary>
    public Task<CustomerImportReport> ImportCustomersAsync(Stream content, string mediaType, CancellationToken cancellationToken = default)
    {
        var body = new StreamContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return _api.SendContentAsync<CustomerImportReport>(HttpMethod.Post, "api/v1/customers/import", body, cancellationToken);
    }

    /// <summary>
    /// Replies with <paramref name="request"/> as it is (any kind of content; <see cref="SendMessageRequest.Channel"/>
    /// picks another channel the customer is linked on). A refusal under a channel's rule is a 422 whose
    /// <see cref="ConversationsApiException.Rule"/> names it.
    /// </summary>
    public Task<IReadOnlyList<ApiMessage>> SendMessageAsync(Guid conversationId, SendMessageRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(conversationId, request, cancellationToken);

    private Task<IReadOnlyList<ApiMessage>> SendAsync(Guid conversationId, SendMessageRequest request, CancellationToken cancellationToken) =>
        _api.SendAsync<IReadOnlyList<ApiMessage>>(HttpMethod.Post, Conversation(conversationId) + "/messages", request, cancellationToken);

    private static string Conversation(Guid conversationId) => $"api/v1/conversations/{conversationId}";

    private void Authorize(HttpRequestMessage request)
    {
        if (AccessToken is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        else if (ApiKey is { Length: > 0 } key)
        {
            request.Headers.Add("X-Api-Key", key);
        }
    }

    /// <summary>A query string built from the parameters that have values.</summary>
    private readonly record struct QueryString(string Text)
    {
        public QueryString Add(string name, string? value) =>
            value is null ? this : new QueryString($"{Text}{(string.IsNullOrEmpty(Text) ? "?" : "&")}{name}={Uri.EscapeDataString(value)}");

        public QueryString Add(string name, long value) => Add(name, value.ToString(CultureInfo.InvariantCulture));

        public override string ToString() => Text ?? "";
    }
}
