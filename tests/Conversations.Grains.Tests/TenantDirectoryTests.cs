using Conversations.Abstractions.Common;
using Conversations.Abstractions.Tenants;
using Conversations.Grains.Tenants;

namespace Conversations.Grains.Tests;

public sealed class TenantDirectoryTests(EmbeddedClusterFixture fixture) : IClassFixture<EmbeddedClusterFixture>
{
    private readonly IClusterClient _grains = fixture.Client;

    [Fact]
    public async Task A_created_tenant_is_found_by_slug_and_by_id()
    {
        var directory = _grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key);

        var created = await directory.CreateTenantAsync("flower-shop", "Flower Shop");

        Assert.Equal(created, await directory.FindBySlugAsync("flower-shop"));
        Assert.Equal(created, await _grains.GetGrain<ITenantGrain>(created.TenantId).GetAsync());
        Assert.Contains(created, await directory.ListAsync());
    }

    [Fact]
    public async Task A_taken_slug_is_a_conflict()
    {
        var directory = _grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key);
        await directory.CreateTenantAsync("bakery", "Bakery");

        var error = await Assert.ThrowsAsync<DomainException>(() => directory.CreateTenantAsync("bakery", "Another bakery"));

        Assert.Equal(DomainErrorCode.Conflict, error.Code);
    }

    [Theory]
    [InlineData("Has Spaces")]
    [InlineData("-dash-first")]
    [InlineData("x")]
    [InlineData("UPPER")]
    public async Task An_invalid_slug_is_refused_with_what_is_allowed(string slug)
    {
        var directory = _grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key);

        var error = await Assert.ThrowsAsync<DomainException>(() => directory.CreateTenantAsync(slug, "Name"));

        Assert.Equal(DomainErrorCode.Invalid, error.Code);
        Assert.Contains("lowercase letters, digits or dashes", error.Message);
    }
}
