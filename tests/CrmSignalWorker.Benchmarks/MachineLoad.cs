namespace CrmSignalWorker.Benchmarks;

/// <summary>The load average, printed with the figures: other work on the machine slows every method and widens the ranges.</summary>
internal static class MachineLoad
{
    // Linux only; elsewhere the report says so rather than guessing.
    public static string Read() =>
        File.Exists("/proc/loadavg")
            ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
            : "unknown";
}
