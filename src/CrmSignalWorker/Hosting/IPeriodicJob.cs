using CrmSignalWorker.Salesforce.Limits;

namespace CrmSignalWorker.Hosting;

/// <summary>A unit of work the worker repeats on an interval; <see cref="RunOnceAsync"/> is also what tests and `crmsignal once` call.</summary>
public interface IPeriodicJob
{
    string Name { get; }

    TimeSpan Interval { get; }

    /// <summary>How much the job needs the Salesforce API; the runner asks the budget guard before each run. Most jobs make no budgeted calls.</summary>
    ApiDemand Demand => ApiDemand.None;

    /// <summary>
    /// Whether only the replica that leads runs it. True for scheduled work that would only be repeated by others
    /// (polls, evaluations, digests); false for work replicas share safely, such as claiming outbox rows.
    /// </summary>
    bool LeaderOnly => true;

    Task RunOnceAsync(CancellationToken ct);
}
