using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CrmSignalWorker.Salesforce.Rest;

/// <summary>
/// Metrics of the worker's use of Salesforce: retries, circuit transitions, budget pauses and the org's API
/// usage. A meter of its own so the Salesforce clients do not depend on the worker; the worker subscribes to it.
/// </summary>
public sealed class SalesforceTelemetry : IDisposable
{
    public const string MeterName = "CrmSignalWorker.Salesforce";

    public SalesforceTelemetry(IMeterFactory meters, SalesforceApiUsage usage)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(usage);
        Meter = meters.Create(MeterName);
        Retries = Meter.CreateCounter<long>(
            "crmsignal.salesforce.retries", "{retry}", "Calls to Salesforce retried after a transient failure, by pipeline and cause.");
        CircuitTransitions = Meter.CreateCounter<long>(
            "crmsignal.salesforce.circuit.transitions", "{transition}", "Circuit breaker state changes, by pipeline and new state (open, half_open, closed).");
        BudgetPauses = Meter.CreateCounter<long>(
            "crmsignal.salesforce.budget.pauses", "{pause}", "Times polling was paused to spare the org's API allocation, by reason.");
        BudgetResumes = Meter.CreateCounter<long>(
            "crmsignal.salesforce.budget.resumes", "{resume}", "Times a budget pause ended, by the reason it had.");
        DeferredRuns = Meter.CreateCounter<long>(
            "crmsignal.salesforce.budget.deferred_runs", "{run}", "Job runs or enrichment steps skipped while a budget pause lasts, by job and reason.");
        Resubscriptions = Meter.CreateCounter<long>(
            "crmsignal.pubsub.resubscriptions", "{resubscription}",
            "Pub/Sub streams torn down and resubscribed from their last replay id, by topic and cause (silent, interrupted, unauthenticated, ended).");
        Meter.CreateObservableGauge(
            "crmsignal.salesforce.api.used", () => Observe(usage.Used), "{request}", "API calls the org has made in the rolling 24 hours, as Salesforce last reported.");
        Meter.CreateObservableGauge(
            "crmsignal.salesforce.api.allocation", () => Observe(usage.Max), "{request}", "The org's daily API allocation, as Salesforce last reported.");
    }

    public Meter Meter { get; }

    public Counter<long> Retries { get; }

    public Counter<long> CircuitTransitions { get; }

    public Counter<long> BudgetPauses { get; }

    public Counter<long> BudgetResumes { get; }

    public Counter<long> DeferredRuns { get; }

    public Counter<long> Resubscriptions { get; }

    public void Dispose() => Meter.Dispose();

    internal void CountRetry(string pipeline, string cause) => Retries.Add(1, new TagList { { "pipeline", pipeline }, { "cause", cause } });

    internal void CountResubscription(string topic, string cause) => Resubscriptions.Add(1, new TagList { { "topic", topic }, { "cause", cause } });

    internal void CountCircuit(string pipeline, string state) => CircuitTransitions.Add(1, new TagList { { "pipeline", pipeline }, { "state", state } });

    private static IEnumerable<Measurement<long>> Observe(long? value) => value is { } v ? [new Measurement<long>(v)] : [];
}
