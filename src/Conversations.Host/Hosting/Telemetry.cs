namespace Conversations.Host.Hosting;

/// <summary>The meters and activity sources the silo exports.</summary>
internal static class Telemetry
{
    /// <summary>Meters: ours, Orleans' and Npgsql's (connection pool usage, command durations).</summary>
    public static readonly string[] Meters = ["Conversations.*", "Microsoft.Orleans", "Npgsql"];

    /// <summary>Activity sources: ours and Orleans'.</summary>
    public static readonly string[] Sources = ["Conversations.*", "Microsoft.Orleans.*"];
}
