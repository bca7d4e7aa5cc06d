using System.Diagnostics;
using System.Globalization;

namespace Conversations.LoadTests;

/// <summary>The acknowledged messages, for the restore drill.</summary>
internal sealed partial class LoadRun
{
    /// <summary>
    /// Writes one line per acknowledged message: when the acknowledgement reached us (wall clock, Unix milliseconds) and
    /// the message's dedup key. An acknowledgement means the message was committed, so one acknowledged before a restore
    /// point was committed before it.
    /// </summary>
    public void WriteAcks(string path)
    {
        var now = DateTimeOffset.UtcNow;
        using var writer = new StreamWriter(path);
        writer.WriteLine("acked_unix_ms,dedup_key");
        foreach (var (sequence, sent) in _sent.OrderBy(s => s.Value.AckedAt))
        {
            var ackedAt = now - Stopwatch.GetElapsedTime(sent.AckedAt);
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ackedAt.ToUnixTimeMilliseconds()},{DedupKey(sequence, sent.Customer)}"));
        }
    }
}
