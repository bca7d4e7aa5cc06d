using Conversations.Persistence.Customers;

namespace Conversations.Persistence.Tests;

/// <summary>The import table: batched upserts idempotent by tenant and external id, the applier's queue, on PostgreSQL and in memory.</summary>
public abstract class CustomerImportStoreContract
{
    private static readonly DateTimeOffset Monday = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    protected abstract ICustomerImportStore Imports { get; }

    [Fact]
    public async Task A_rerun_writes_nothing_a_changed_row_waits_again_and_tenants_never_share_a_row()
    {
        var tenant = Guid.NewGuid();
        var other = Guid.NewGuid();
        var anna = new CustomerImportRow(tenant, "c-1", "Анна", ["+79001112233"], ["a@example.com"], """{"plan":"gold"}""");
        var boris = new CustomerImportRow(tenant, "c-2", null, [], [], "{}");

        var first = await Imports.UpsertAsync([anna, boris], Monday);
        var rerun = await Imports.UpsertAsync([anna, boris], Monday.AddHours(1));
        var pending = (await Imports.ReadPendingAsync(1000)).Where(p => p.Row.TenantId == tenant).ToList();
        await Imports.MarkAppliedAsync(pending);
        var changed = await Imports.UpsertAsync([anna with { Attributes = """{"plan":"platinum"}""" }, boris], Monday.AddHours(2));
        var elsewhere = await Imports.UpsertAsync([anna with { TenantId = other }], Monday.AddHours(2));
        var waiting = (await Imports.ReadPendingAsync(1000)).Where(p => p.Row.TenantId == tenant || p.Row.TenantId == other).ToList();

        Assert.Equal(new CustomerImportBatchResult(2, 0, 0), first);
        Assert.Equal(new CustomerImportBatchResult(0, 0, 2), rerun);
        Assert.Equal(["c-1", "c-2"], pending.Select(p => p.Row.ExternalId).Order());
        Assert.Equal(Monday, pending[0].ImportedAt); // the rerun did not touch the rows
        Assert.Equal(["+79001112233"], pending.Single(p => p.Row.ExternalId == "c-1").Row.Phones);
        Assert.Equal(new CustomerImportBatchResult(0, 1, 1), changed);
        Assert.Equal(new CustomerImportBatchResult(1, 0, 0), elsewhere);
        Assert.Equal([(tenant, "c-1"), (other, "c-1")], waiting.Select(p => (p.Row.TenantId, p.Row.ExternalId)).OrderBy(p => p.Item1 == other));
    }

    [Fact]
    public async Task Marking_a_row_applied_leaves_it_waiting_when_a_newer_import_rewrote_it()
    {
        var tenant = Guid.NewGuid();
        var row = new CustomerImportRow(tenant, "c-9", "Вера", [], [], "{}");
        await Imports.UpsertAsync([row], Monday);
        var seen = (await Imports.ReadPendingAsync(1000)).Single(p => p.Row.TenantId == tenant);

        await Imports.UpsertAsync([row with { Name = "Вера Павловна" }], Monday.AddMinutes(1));
        await Imports.MarkAppliedAsync([seen]);

        var still = (await Imports.ReadPendingAsync(1000)).Single(p => p.Row.TenantId == tenant);
        Assert.Equal("Вера Павловна", still.Row.Name);
    }
}
