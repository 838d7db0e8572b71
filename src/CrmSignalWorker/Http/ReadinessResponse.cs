using System.Text.Json;
using CrmSignalWorker.Health;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Http;

/// <summary>
/// The /readyz body: every check by name, with why it failed, so whoever reads a failing probe (kubectl describe,
/// a status page, curl) needs no log access to know which dependency to look at:
/// <code>{"status":"unready","checks":[{"name":"postgres","status":"fail","reason":"cannot connect: ConnectionRefused"}, …]}</code>
/// </summary>
internal static class ReadinessResponse
{
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        var services = context.RequestServices;
        var timeout = services.GetRequiredService<IOptions<HealthOptions>>().Value.CheckTimeout;
        var checks = report.Entries.Select(e => new Check(e.Key, e.Value.Status == HealthStatus.Healthy, Describe(e.Value, timeout))).ToList();
        services.GetRequiredService<ReadinessTransitions>().Observe(checks);

        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await using var json = new Utf8JsonWriter(context.Response.Body, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("status", checks.All(c => c.Ok) ? "ready" : "unready");
        json.WriteStartArray("checks");
        foreach (var check in checks)
        {
            json.WriteStartObject();
            json.WriteString("name", check.Name);
            json.WriteString("status", check.Ok ? "pass" : "fail");
            json.WriteString(check.Ok ? "detail" : "reason", check.Text);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }

    private static string Describe(HealthReportEntry entry, TimeSpan timeout) =>
        // The health-check service reports its own timeout as a cancellation with a generic text.
        entry.Status != HealthStatus.Healthy && entry.Exception is OperationCanceledException
            ? $"no answer within {FailureReason.Duration(timeout)} (Health:CheckTimeout)"
            : entry.Description ?? entry.Status.ToString();

    internal sealed record Check(string Name, bool Ok, string Text);
}

/// <summary>Logs readiness when it changes, not on every probe: a probe every few seconds would bury the cause.</summary>
internal sealed class ReadinessTransitions(ILogger<ReadinessTransitions> logger)
{
    private readonly Lock _gate = new();
    private string? _lastFailures;

    public void Observe(IReadOnlyList<ReadinessResponse.Check> checks)
    {
        var failures = string.Join("; ", checks.Where(c => !c.Ok).Select(c => $"{c.Name}: {c.Text}"));
        var failingNames = string.Join(",", checks.Where(c => !c.Ok).Select(c => c.Name));
        lock (_gate)
        {
            // Keyed on which checks fail, not their text: a lag that grows each probe is the same state.
            if (failingNames == _lastFailures)
            {
                return;
            }

            var wasReady = _lastFailures is null or "";
            _lastFailures = failingNames;
            if (failingNames.Length > 0)
            {
                logger.NotReady(failures);
            }
            else if (!wasReady)
            {
                logger.ReadyAgain();
            }
        }
    }
}
