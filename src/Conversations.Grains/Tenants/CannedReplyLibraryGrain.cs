using Conversations.Abstractions.Common;
using Conversations.Abstractions.Tenants;
using Conversations.Grains.Infrastructure;

namespace Conversations.Grains.Tenants;

/// <inheritdoc cref="ICannedReplyLibraryGrain" />
/// <remarks>Counting in one grain makes concurrent sends safe: calls run one at a time, each use is written.</remarks>
internal sealed class CannedReplyLibraryGrain(
    [PersistentState("canned", StorageNames.GrainState)] IPersistentState<CannedReplyLibraryState> state,
    IIdGenerator ids) : Grain, ICannedReplyLibraryGrain
{
    /// <inheritdoc />
    public Task<IReadOnlyList<CannedReply>> ListAsync() =>
        Task.FromResult<IReadOnlyList<CannedReply>>([.. state.State.Replies.Values.OrderBy(r => r.Shortcut, StringComparer.Ordinal)]);

    /// <inheritdoc />
    public async Task<CannedReply> SaveAsync(CannedReply reply)
    {
        var shortcut = Validation.Slug(reply.Shortcut, "shortcut");
        var title = Validation.Text(reply.Title, "title", 200);
        var problems = CannedReplyRules.Problems(reply.Contents);
        if (problems.Count > 0)
        {
            throw DomainException.Invalid("The canned reply is not valid: " + string.Join(" ", problems));
        }

        var id = reply.Id == Guid.Empty ? ids.NewId() : reply.Id;
        if (state.State.Replies.Values.Any(r => r.Shortcut == shortcut && r.Id != id))
        {
            throw DomainException.Conflict($"Another canned reply uses the shortcut '{shortcut}'.");
        }

        var count = state.State.Replies.TryGetValue(id, out var existing) ? existing.UsageCount : 0;
        var saved = new CannedReply(id, shortcut, title, [.. reply.Contents], count);
        state.State.Replies[id] = saved;
        await state.WriteStateAsync();
        return saved;
    }

    /// <inheritdoc />
    public async Task DeleteAsync(Guid id)
    {
        if (!state.State.Replies.Remove(id))
        {
            throw DomainException.NotFound("No such canned reply.");
        }

        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public async Task<CannedReply> UseAsync(Guid id)
    {
        if (!state.State.Replies.TryGetValue(id, out var reply))
        {
            throw DomainException.NotFound("No such canned reply.");
        }

        reply = reply with { UsageCount = reply.UsageCount + 1 };
        state.State.Replies[id] = reply;
        await state.WriteStateAsync();
        return reply;
    }
}
