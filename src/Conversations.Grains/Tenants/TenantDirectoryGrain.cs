using Conversations.Abstractions.Common;
using Conversations.Abstractions.Tenants;
using Conversations.Grains.Infrastructure;

namespace Conversations.Grains.Tenants;

/// <inheritdoc cref="ITenantDirectoryGrain" />
internal sealed class TenantDirectoryGrain(
    [PersistentState("directory", StorageNames.GrainState)] IPersistentState<TenantDirectoryState> state,
    IIdGenerator ids) : Grain, ITenantDirectoryGrain
{
    /// <inheritdoc />
    public async Task<TenantInfo> CreateTenantAsync(string slug, string name)
    {
        slug = Validation.Slug(slug, "tenant slug");
        name = Validation.Text(name, "tenant name", 200);
        if (state.State.BySlug.ContainsKey(slug))
        {
            throw DomainException.Conflict($"A tenant with the slug '{slug}' already exists; choose another slug.");
        }

        var tenant = await GrainFactory.GetGrain<ITenantGrain>(ids.NewId()).InitializeAsync(slug, name);
        state.State.BySlug[slug] = tenant;
        await state.WriteStateAsync();
        return tenant;
    }

    /// <inheritdoc />
    public Task<TenantInfo?> FindBySlugAsync(string slug) =>
        Task.FromResult(state.State.BySlug.GetValueOrDefault(slug.Trim().ToLowerInvariant()));

    /// <inheritdoc />
    public Task<IReadOnlyList<TenantInfo>> ListAsync() =>
        Task.FromResult<IReadOnlyList<TenantInfo>>([.. state.State.BySlug.Values.OrderBy(t => t.Slug, StringComparer.Ordinal)]);
}
