namespace CrmSignalWorker.Hosting;

/// <summary>A unit of work the worker repeats on an interval; <see cref="RunOnceAsync"/> is also what tests and `crmsignal once` call.</summary>
public interface IPeriodicJob
{
    string Name { get; }

    TimeSpan Interval { get; }

    Task RunOnceAsync(CancellationToken ct);
}
