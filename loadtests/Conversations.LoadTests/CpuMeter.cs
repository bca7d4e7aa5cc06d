using System.Diagnostics;
using System.Globalization;

namespace Conversations.LoadTests;

/// <summary>
/// CPU time of named processes and of the whole machine between two readings, in cores (CPU seconds per wall
/// second), from /proc. The generator and its stand-ins share the machine with the system under test, so their share
/// is part of every figure; "other" is what the machine used beyond the named processes (PostgreSQL, and whatever
/// else runs: on a shared machine, other people's builds).
/// </summary>
internal sealed class CpuMeter
{
    private readonly IReadOnlyDictionary<string, int> _processes;
    private readonly Dictionary<string, TimeSpan> _start;
    private readonly TimeSpan _machineStart;
    private readonly long _startedAt;

    private CpuMeter(IReadOnlyDictionary<string, int> processes)
    {
        _processes = processes;
        _start = processes.ToDictionary(p => p.Key, p => CpuTime(p.Value));
        _machineStart = MachineBusy();
        _startedAt = Stopwatch.GetTimestamp();
    }

    /// <summary>Starts measuring <paramref name="processes"/> (name → pid).</summary>
    public static CpuMeter Start(IReadOnlyDictionary<string, int> processes) => new(processes);

    /// <summary>Cores used since <see cref="Start"/>, per process, "machine" and "other".</summary>
    public IReadOnlyDictionary<string, double> Stop()
    {
        var seconds = Stopwatch.GetElapsedTime(_startedAt).TotalSeconds;
        var cores = _processes.ToDictionary(p => p.Key, p => Math.Round(Math.Max(0, (CpuTime(p.Value) - _start[p.Key]).TotalSeconds) / seconds, 2));
        var machine = Math.Round((MachineBusy() - _machineStart).TotalSeconds / seconds, 2);
        cores["machine"] = machine;
        cores["other"] = Math.Round(Math.Max(0, machine - cores.Where(c => c.Key != "machine").Sum(c => c.Value)), 2);
        return cores;
    }

    /// <summary>CPU time used by a process so far (user + system, from /proc); zero once it is gone (a fault run kills silos).</summary>
    public static TimeSpan CpuTime(int pid)
    {
        try
        {
            var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }
    }

    /// <summary>Busy time of all cores so far (user, nice, system, irq, softirq, steal from the first line of /proc/stat).</summary>
    private static TimeSpan MachineBusy()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long Field(int i) => long.Parse(fields[i], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds((Field(1) + Field(2) + Field(3) + Field(6) + Field(7) + Field(8)) / 100.0);
    }
}
