namespace Conversations.LoadTests;

/// <summary>What a load run does (parsed from the command line; defaults fit this 2-core machine).</summary>
internal sealed record LoadSettings
{
    /// <summary>Silo base URLs to load; empty means: start one silo here (embedded, or on <see cref="Postgres"/>).</summary>
    public IReadOnlyList<Uri> Targets { get; init; } = [];

    /// <summary>PIDs of the target silos (memory and CPU are read from /proc).</summary>
    public IReadOnlyList<int> TargetPids { get; init; } = [];

    /// <summary>PostgreSQL of the silos (spawned silos use it; verification reads stored messages from it).</summary>
    public string? Postgres { get; init; }

    /// <summary>Offered rates (messages per second), tried in order until the system falls behind.</summary>
    public IReadOnlyList<int> Rates { get; init; } = [100, 200, 400, 800, 1600];

    /// <summary>Seconds of unreported traffic before the first step.</summary>
    public int WarmUpSeconds { get; init; } = 10;

    /// <summary>Seconds per rate step.</summary>
    public int Seconds { get; init; } = 15;

    /// <summary>Simulated customers.</summary>
    public int Customers { get; init; } = 5000;

    /// <summary>Share of messages from widget visitors (the rest from Telegram and WhatsApp).</summary>
    public double WidgetShare { get; init; } = 0.2;

    /// <summary>
    /// Share of messages from WhatsApp customers: Cloud API webhooks signed with the load app's secret, batched as Meta
    /// batches them, answered through the stand-in's Graph <c>/{phone-number-id}/messages</c> (0: no WhatsApp).
    /// </summary>
    public double WhatsAppShare { get; init; }

    /// <summary>Simulated operators, each with a live feed, answering chats assigned to them.</summary>
    public int Operators { get; init; } = 4;

    /// <summary>Share of customers who ask for an operator.</summary>
    public double HandoffShare { get; init; } = 0.01;

    /// <summary>Port of the Telegram Bot API stand-in (silos started elsewhere must point Channels:Telegram:ApiBaseUrl at it).</summary>
    public int StandInPort { get; init; } = 5990;

    /// <summary>The platform key of the targets.</summary>
    public string PlatformKey { get; init; } = "load-platform-key";

    /// <summary>Where the JSON report and the chart go.</summary>
    public string ResultsDirectory { get; init; } = "loadtests/results";

    /// <summary>Stop raising the rate when ack p99 exceeds this.</summary>
    public TimeSpan MaxP99 { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A bot-answered message must get its reply within this (from its due time); a step keeps up only if every one
    /// did. Twice the ack bound: the reply trails the ack by a second commit and a delivery.
    /// </summary>
    public TimeSpan ReplyLimit { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Also measure the same-run ceiling: the same requests against the bare webhook.</summary>
    public bool MeasureCeiling { get; init; } = true;

    /// <summary>The bare webhook's rate is doubled after the last rate until it falls behind or reaches this.</summary>
    public int CeilingMaxRate { get; init; } = 102_400;

    /// <summary>Silos to start on this machine when no <see cref="Targets"/> are given (more than one needs <see cref="Postgres"/>: they form a cluster through it).</summary>
    public int Silos { get; init; } = 1;

    /// <summary>With <see cref="Postgres"/>: also measure the store ceiling (turns per second through the group-commit writer) with this many writers; 0: not.</summary>
    public int StoreCeilingWriters { get; init; } = 256;

    /// <summary>Commits per turn in the store ceiling: 2 as the platform writes a turn today, 1 for a turn in one commit.</summary>
    public int StoreCommitsPerTurn { get; init; } = 2;

    /// <summary>
    /// Capture a profile of each silo with dotnet-trace during one more step at the highest sustained rate (needs the
    /// dotnet-trace tool on the PATH or in ~/.dotnet/tools). The profile is dotnet-sampled-thread-time: stacks of every
    /// managed thread at ~100 Hz, which `collect` can take without kernel perf events; frames of waiting threads show
    /// as waits, the rest is where the CPU goes.
    /// </summary>
    public bool Profile { get; init; }

    /// <summary>Fault injection for the multi-silo run: seconds into the run → shell command.</summary>
    public IReadOnlyList<(int AtSecond, string Command)> Faults { get; init; } = [];

    /// <summary>Auto-release minutes of the load tenant (fault runs check every armed release fired once).</summary>
    public int AutoReleaseMinutes { get; init; } = 60;

    /// <summary>
    /// Where to write every acknowledged message (wall-clock ack time in Unix milliseconds, dedup key) after the run,
    /// for the restore drill to check which acknowledged messages a restored database must hold.
    /// </summary>
    public string? AcksFile { get; init; }
}
