using System.Globalization;
using CrmSignalWorker.Cli;
using CrmSignalWorker.Core.Alerts;
using CrmSignalWorker.Storage;
using CrmSignalWorker.Storage.Alerts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmSignalWorker.Alerts;

/// <summary>
/// `crmsignal alerts list | ack &lt;key&gt; --by &lt;person&gt;` and
/// `crmsignal silence add [--signal S] [--segment X] [--automation A] --hours N --reason "…" --by &lt;person&gt; | list`.
/// </summary>
internal static class AlertsCommand
{
    public static async Task<int> AlertsAsync(IReadOnlyList<string> args, TextWriter stdout, CancellationToken ct)
    {
        var line = CommandLine.Parse(args, new HashSet<string>());
        var action = line.Words.Count > 0 ? line.Words[0] : throw new UsageException("alerts needs an action: list or ack");
        using var host = WorkerCli.CreateBuilder(LogLevel.Warning).Build();
        await host.Services.GetRequiredService<MigrationRunner>().ApplyAsync(ct);
        var store = host.Services.GetRequiredService<AlertStore>();
        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        switch (action)
        {
            case "list":
                line.RejectUnknownOptions();
                var alerts = await store.RecentAsync(now.AddDays(-1), ct);
                if (alerts.Count == 0)
                {
                    await stdout.WriteLineAsync("no open alerts, none resolved in the last 24 hours");
                }

                foreach (var alert in alerts)
                {
                    await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{alert.Key}\t{alert.Status.ToString().ToLowerInvariant()}\t{alert.Severity.ToString().ToLowerInvariant()}\t{alert.Value:P1} (threshold {alert.Threshold:P1})\t{alert.RecordIds.Count} records\tsince {alert.OpenedAt.UtcDateTime:u}{(alert.SilencedBy is null ? "" : $"\tsilenced by {alert.SilencedBy}")}"));
                }

                return 0;
            case "ack":
                line.RejectUnknownOptions("by");
                var key = line.Words.Count == 2 ? line.Words[1] : throw new UsageException("alerts ack needs exactly one alert key (see alerts list)");
                var by = line.RequiredOption("by", "the person acknowledging, for the audit log");
                if (!await store.AcknowledgeAsync(key, by, now, ct))
                {
                    throw new UsageException($"no firing alert has the key '{key}'");
                }

                await stdout.WriteLineAsync($"{key} acknowledged by {by}: no repeats until it escalates or resolves");
                return 0;
            default:
                throw new UsageException($"unknown alerts action '{action}'");
        }
    }

    public static async Task<int> SilenceAsync(IReadOnlyList<string> args, TextWriter stdout, CancellationToken ct)
    {
        var line = CommandLine.Parse(args, new HashSet<string>());
        var action = line.Words.Count == 1 ? line.Words[0] : throw new UsageException("silence needs one action: add or list");
        switch (action)
        {
            case "add":
                line.RejectUnknownOptions("signal", "segment", "automation", "hours", "reason", "by");
                var hoursText = line.RequiredOption("hours", "how long, 1 to 720");
                var hours = int.TryParse(hoursText, NumberStyles.None, CultureInfo.InvariantCulture, out var h) && h is >= 1 and <= 720
                    ? h
                    : throw new UsageException($"--hours must be a whole number from 1 to 720, not '{hoursText}'");
                var reason = line.RequiredOption("reason", "say why, for the audit log");
                var by = line.RequiredOption("by", "the person silencing");
                if (line.Option("signal") is null && line.Option("segment") is null && line.Option("automation") is null)
                {
                    throw new UsageException("a silence needs at least one of --signal, --segment or --automation: silencing everything is not an option");
                }

                using (var host = WorkerCli.CreateBuilder(LogLevel.Warning).Build())
                {
                    await host.Services.GetRequiredService<MigrationRunner>().ApplyAsync(ct);
                    var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
                    var silence = new Silence(
                        "sil-" + Guid.NewGuid().ToString("N")[..12], line.Option("signal"), line.Option("segment"), line.Option("automation"), by, reason, now, now.AddHours(hours));
                    await host.Services.GetRequiredService<AlertStore>().AddSilenceAsync(silence, ct);
                    await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{silence.Id} until {silence.ExpiresAt.UtcDateTime:u}"));
                }

                return 0;
            case "list":
                line.RejectUnknownOptions();
                using (var host = WorkerCli.CreateBuilder(LogLevel.Warning).Build())
                {
                    await host.Services.GetRequiredService<MigrationRunner>().ApplyAsync(ct);
                    var silences = await host.Services.GetRequiredService<AlertStore>().SilencesAsync(host.Services.GetRequiredService<TimeProvider>().GetUtcNow(), ct);
                    if (silences.Count == 0)
                    {
                        await stdout.WriteLineAsync("no active silences");
                    }

                    foreach (var s in silences)
                    {
                        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                            $"{s.Id}\tsignal={s.Signal ?? "*"} segment={s.Segment ?? "*"} automation={s.Automation ?? "*"}\tby {s.Author} until {s.ExpiresAt.UtcDateTime:u}\t{s.Reason}"));
                    }
                }

                return 0;
            default:
                throw new UsageException($"unknown silence action '{action}'");
        }
    }
}
