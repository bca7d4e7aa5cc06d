using System.Collections.Concurrent;
using Conversations.Abstractions.Conversations;
using Conversations.Abstractions.Operators;
using Conversations.Api.Contracts.Conversations;
using Conversations.Api.Mappings;

namespace Conversations.Api.Operators;

/// <summary>
/// Inbox rows of conversations as their grains answer (after an action, on the live feed). A grain's view names the
/// assigned operator by id only; the display name comes from the operator's grain and is remembered on this silo for
/// <see cref="NameLifetime"/>, since a feed repeats the same few operators in event after event.
/// </summary>
internal sealed class InboxRows(IGrainFactory grains, TimeProvider time)
{
    /// <summary>How long a name is reused before the operator's grain is asked again (a rename on another silo shows within it).</summary>
    public static readonly TimeSpan NameLifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<OperatorKey, (string? Name, DateTimeOffset Until)> _names = new();

    /// <summary>The row of <paramref name="view"/> as of now, with the assigned operator's name.</summary>
    public async Task<InboxItem> FromAsync(ConversationView view)
    {
        var row = view.ToInboxItem(time.GetUtcNow());
        return view.AssignedOperatorId is { } operatorId
            ? row with { OperatorName = await OperatorNameAsync(new OperatorKey(view.TenantId, operatorId)) }
            : row;
    }

    /// <summary>Forgets an operator's name, so that this silo shows a rename at once.</summary>
    public void Forget(OperatorKey key) => _names.TryRemove(key, out _);

    private async ValueTask<string?> OperatorNameAsync(OperatorKey key)
    {
        var now = time.GetUtcNow();
        if (_names.TryGetValue(key, out var known) && known.Until > now)
        {
            return known.Name;
        }

        var name = (await grains.GetGrain<IOperatorGrain>(key.ToGrainKey()).GetAsync())?.DisplayName;
        _names[key] = (name, now + NameLifetime);
        return name;
    }
}
