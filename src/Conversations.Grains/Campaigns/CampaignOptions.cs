namespace Conversations.Grains.Campaigns;

/// <summary>How each silo plans and sends campaigns (<c>Conversations:Campaigns</c>).</summary>
public sealed class CampaignOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Conversations:Campaigns";

    /// <summary>How often each silo plans and claims recipients when the last poll had nothing more to do.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claim is the claiming silo's; a silo that dies holding one leaves it to another after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Customers planned per batch (one keyset step through the directory, one transaction).</summary>
    public int PlanBatch { get; set; } = 1000;

    /// <summary>Most recipients one poll claims per campaign.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>
    /// A campaign's recipients are claimed only while the tenant has fewer outbound messages than this waiting in the
    /// outbox: the outbox paces them by each account's limit, and the backlog (and memory) stays bounded.
    /// </summary>
    public int MaxOpenOutbox { get; set; } = 2000;

    /// <summary>Sends (grain calls) in flight at once per silo.</summary>
    public int MaxParallel { get; set; } = 16;

    /// <summary>Claims after which a recipient that keeps failing for passing reasons is given up as failed.</summary>
    public int MaxAttempts { get; set; } = 5;
}
