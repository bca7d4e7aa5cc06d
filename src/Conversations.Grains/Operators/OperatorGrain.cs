using Conversations.Abstractions.Access;
using Conversations.Abstractions.Common;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Operators;
using Conversations.Grains.Infrastructure;
using Conversations.Persistence.Conversations;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Orleans.Streams;
using Orleans.Utilities;

namespace Conversations.Grains.Operators;

/// <inheritdoc cref="IOperatorGrain" />
internal sealed partial class OperatorGrain(
    [PersistentState("operator", StorageNames.GrainState)] IPersistentState<OperatorState> state,
    IConversationStore store,
    ILogger<OperatorGrain> logger) : Grain, IOperatorGrain, IAsyncObserver<ConversationEvent>
{
    private static readonly PasswordHasher<OperatorState> Hasher = new();
    private readonly HashSet<Guid> _activeChats = [];
    private readonly ObserverManager<IOperatorFeedObserver> _feeds = new(TimeSpan.FromMinutes(1), logger);
    private OperatorKey _key;
    private StreamSubscriptionHandle<ConversationEvent>? _subscription;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = OperatorKey.Parse(this.GetPrimaryKeyString());

        // Listeners do not survive a deactivation, so neither should the subscription they needed.
        foreach (var handle in await TenantFeed().GetAllSubscriptionHandles())
        {
            await handle.UnsubscribeAsync();
        }

        if (state.State.Exists)
        {
            // Live chats are the conversations' truth; read them rather than keep a copy that could drift.
            foreach (var chat in await store.ListByStatusAsync(_key.TenantId, ConversationStatus.LiveChat, _key.OperatorId, 500, cancellationToken))
            {
                _activeChats.Add(chat.ConversationId);
            }
        }
    }

    /// <inheritdoc />
    public async Task<OperatorInfo> CreateAsync(NewOperator newOperator)
    {
        if (state.State.Exists)
        {
            throw DomainException.Conflict("This operator exists already.");
        }

        if (!IsOperatorRole(newOperator.Role))
        {
            throw DomainException.Invalid("role: an operator is Operator or Admin (Agent is for API keys).");
        }

        state.State.Username = newOperator.Username;
        state.State.DisplayName = Validation.Text(newOperator.DisplayName, "display name", 100);
        state.State.Role = newOperator.Role;
        state.State.Capacity = CheckCapacity(newOperator.Capacity);
        state.State.PasswordHash = Hasher.HashPassword(state.State, CheckPassword(newOperator.Password));
        state.State.Exists = true;
        await state.WriteStateAsync();
        return Info();
    }

    /// <inheritdoc />
    public Task<OperatorInfo?> GetAsync() => Task.FromResult(state.State.Exists ? Info() : null);

    /// <inheritdoc />
    public async Task<OperatorAccess?> SignInAsync(string password)
    {
        if (!state.State.Exists || string.IsNullOrEmpty(password))
        {
            return null;
        }

        var result = Hasher.VerifyHashedPassword(state.State, state.State.PasswordHash, password);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            state.State.PasswordHash = Hasher.HashPassword(state.State, password);
            await state.WriteStateAsync();
        }

        return result == PasswordVerificationResult.Failed ? null : Access();
    }

    /// <inheritdoc />
    public Task<OperatorAccess?> GetAccessAsync() => Task.FromResult(state.State.Exists ? Access() : null);

    /// <inheritdoc />
    public async Task SetPasswordAsync(string password)
    {
        EnsureExists();
        state.State.PasswordHash = Hasher.HashPassword(state.State, CheckPassword(password));
        state.State.SecurityStamp++;
        await state.WriteStateAsync();
        await PublishAccessChangeAsync();
    }

    /// <inheritdoc />
    public async Task<OperatorInfo> SetPresenceAsync(OperatorPresence presence)
    {
        EnsureExists();
        if (!Enum.IsDefined(presence))
        {
            throw DomainException.Invalid("Presence is online, away or offline.");
        }

        if (state.State.Presence != presence)
        {
            state.State.Presence = presence;
            await state.WriteStateAsync();
        }

        await ReportLoadAsync();
        return Info();
    }

    /// <inheritdoc />
    public async Task<OperatorInfo> UpdateAsync(string? displayName, OperatorRole? role, int? capacity, IReadOnlyList<string>? groups = null)
    {
        EnsureExists();
        if (displayName is not null)
        {
            state.State.DisplayName = Validation.Text(displayName, "display name", 100);
        }

        var roleChanged = false;
        if (role is { } newRole && newRole != state.State.Role)
        {
            state.State.Role = IsOperatorRole(newRole) ? newRole : throw DomainException.Invalid("role: an operator is Operator or Admin (Agent is for API keys).");
            state.State.SecurityStamp++; // a demoted admin's token must not keep the admin role
            roleChanged = true;
        }

        if (capacity is { } newCapacity)
        {
            state.State.Capacity = CheckCapacity(newCapacity);
        }

        if (groups is not null)
        {
            state.State.Groups = [.. OperatorGroups.Normalize(groups)];
        }

        await state.WriteStateAsync();
        if (roleChanged)
        {
            await PublishAccessChangeAsync();
        }

        await ReportLoadAsync();
        return Info();
    }

    /// <inheritdoc />
    public async Task RemoveAsync()
    {
        EnsureExists();
        state.State.Exists = false;
        state.State.PasswordHash = "";
        state.State.Presence = OperatorPresence.Offline;
        state.State.SecurityStamp++;
        await state.WriteStateAsync();
        await PublishAccessChangeAsync();
        await ReportLoadAsync(); // offline: the queue stops offering them customers
    }

    /// <inheritdoc />
    public async Task AttachFeedAsync(IOperatorFeedObserver observer)
    {
        EnsureExists();
        _feeds.Subscribe(observer, observer);
        _subscription ??= await TenantFeed().SubscribeAsync(this);
    }

    /// <inheritdoc />
    public async Task DetachFeedAsync(IOperatorFeedObserver observer)
    {
        _feeds.Unsubscribe(observer);
        await UnsubscribeWhenUnheardAsync();
    }

    /// <summary>A tenant event: keeps this operator's chats current and passes it to the listening connections.</summary>
    public async Task OnNextAsync(ConversationEvent item, StreamSequenceToken? token = null)
    {
        var view = item.Conversation;
        var mine = view.Status == ConversationStatus.LiveChat && view.AssignedOperatorId == _key.OperatorId;
        var changed = mine ? _activeChats.Add(view.ConversationId) : _activeChats.Remove(view.ConversationId);
        if (changed)
        {
            await ReportLoadAsync();
        }

        if (_feeds.Count > 0)
        {
            await _feeds.Notify(f => f.OnConversationEventAsync(item));
        }

        await UnsubscribeWhenUnheardAsync();
    }

    /// <inheritdoc />
    public Task OnCompletedAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task OnErrorAsync(Exception ex)
    {
        LogFeedError(logger, ex, _key.OperatorId);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task ChatStartedAsync(Guid conversationId)
    {
        if (_activeChats.Add(conversationId))
        {
            await ReportLoadAsync();
        }
    }

    /// <inheritdoc />
    public async Task ChatEndedAsync(Guid conversationId)
    {
        if (_activeChats.Remove(conversationId))
        {
            await ReportLoadAsync(); // a freed slot may pick up a waiting customer
        }
    }

    private static bool IsOperatorRole(OperatorRole role) => role is OperatorRole.Operator or OperatorRole.Admin;

    private async Task UnsubscribeWhenUnheardAsync()
    {
        if (_feeds.Count == 0 && _subscription is not null)
        {
            await _subscription.UnsubscribeAsync();
            _subscription = null;
        }
    }

    private IAsyncStream<ConversationEvent> TenantFeed() =>
        this.GetStreamProvider(ConversationStreams.Provider).GetStream<ConversationEvent>(StreamId.Create(ConversationStreams.TenantFeed, _key.TenantId));

    [LoggerMessage(Level = LogLevel.Warning, Message = "The tenant feed of operator {OperatorId} reported an error")]
    private static partial void LogFeedError(ILogger logger, Exception exception, Guid operatorId);

    private Task ReportLoadAsync() =>
        GrainFactory.GetGrain<IOperatorQueueGrain>(_key.TenantId).OperatorChangedAsync(
            new OperatorLoad(_key.OperatorId, state.State.DisplayName, state.State.Presence, state.State.Capacity, _activeChats.Count,
                [.. state.State.Groups]));

    /// <summary>Every silo drops its cached stamp before the change is acknowledged, so the old token fails on any silo at once.</summary>
    private Task PublishAccessChangeAsync() =>
        GrainFactory.GetGrain<IAccessChangesGrain>(IAccessChangesGrain.Key).PublishAsync(AccessChange.Operator(_key.TenantId, _key.OperatorId));

    private OperatorAccess Access() => new(state.State.Role, state.State.SecurityStamp);

    private OperatorInfo Info() => new(_key.TenantId, _key.OperatorId, state.State.Username, state.State.DisplayName, state.State.Role,
        state.State.Presence, state.State.Capacity, [.. _activeChats], [.. state.State.Groups]);

    private void EnsureExists()
    {
        if (!state.State.Exists)
        {
            throw DomainException.NotFound("No such operator.");
        }
    }

    private static int CheckCapacity(int capacity) =>
        capacity is >= 1 and <= 50 ? capacity : throw DomainException.Invalid("Capacity is the number of chats at once: 1 to 50.");

    private static string CheckPassword(string? password) =>
        password is { Length: >= 8 and <= 200 } ? password : throw DomainException.Invalid("A password has 8 to 200 characters.");
}
