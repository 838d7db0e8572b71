using System.Globalization;
using CrmSignalWorker.Api;
using CrmSignalWorker.Core.Flags;
using CrmSignalWorker.Delivery;
using CrmSignalWorker.Digests;
using CrmSignalWorker.Extensions;
using CrmSignalWorker.Flags;
using CrmSignalWorker.Http;
using CrmSignalWorker.Notifications.Email;
using CrmSignalWorker.Sources;
using CrmSignalWorker.Storage;
using CrmSignalWorker.Storage.Ingest;
using CrmSignalWorker.Storage.Outbox;
using CrmSignalWorker.Storage.Scoping;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Cli;

/// <summary>The `crmsignal` command: the long-running worker and the operator verbs.</summary>
public static class WorkerCli
{
    public const string Usage =
        """
        usage:
          crmsignal [run]                 run the worker: poll history, evaluate signals, send digests
          crmsignal once [--days N]       one cycle (poll, evaluate, digest for the N days up to yesterday, send), then exit
          crmsignal migrate               apply database migrations and exit
          crmsignal flags pause <automation> --reason "<why>" --by <person>
          crmsignal flags resume <automation> --reason "<why>" --by <person>
          crmsignal flags list
          crmsignal quarantine list [--all]          payloads that could not be decoded (--all: resolved ones too)
          crmsignal quarantine redrive [<id>...]     decode them again after a fix and store what they hold (no id: every open one)
          crmsignal backfill --from <yyyy-MM-dd> --to <yyyy-MM-dd> [--objects A,B]
                                          re-read history created in [from, to) and store what is missing; watermarks stay
          crmsignal alerts list                      open alerts and those resolved in the last 24 hours
          crmsignal alerts ack <key> --by <person>   stop repeats of a firing alert until it escalates or resolves
          crmsignal silence add [--signal S] [--segment X] [--automation A] --hours N --reason "<why>" --by <person>
          crmsignal silence list                     active silences
          crmsignal audit verify [--file <export>] [--head <hash>]
                                          check the audit log's hash chain (in the database, or an export offline); exit 1 if broken
          crmsignal audit export --out <file>     write the audit log with its chain head, verifiable without the database
          crmsignal lineage [--window <days>d | --from <yyyy-MM-dd> --to <yyyy-MM-dd>] [--json] [--html <file>]
                                          who writes each field through which path, with counts and shares, and attribution
                                          coverage (default window: Lineage:Window, 30 days, ending now)
        configuration comes from appsettings.json and environment variables (e.g. Postgres__ConnectionString).
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        try
        {
            var verb = args.Length == 0 ? "run" : args[0];
            var rest = args.Skip(1).ToList();
            switch (verb)
            {
                case "run":
                    await RunWorkerAsync(ct);
                    return 0;
                case "once":
                    return await OnceAsync(rest, stdout, ct);
                case "migrate":
                    return await MigrateAsync(stdout, ct);
                case "flags":
                    return await FlagsAsync(rest, stdout, ct);
                case "quarantine":
                    return await QuarantineAsync(rest, stdout, ct);
                case "backfill":
                    return await Lifecycle.BackfillCommand.RunAsync(rest, stdout, ct);
                case "alerts":
                    return await Alerts.AlertsCommand.AlertsAsync(rest, stdout, ct);
                case "silence":
                    return await Alerts.AlertsCommand.SilenceAsync(rest, stdout, ct);
                case "audit":
                    return await AuditLog.AuditCommand.RunAsync(rest, stdout, ct);
                case "lineage":
                    return await Lineage.LineageCommand.RunAsync(rest, stdout, stderr, ct);
                case "help" or "--help" or "-h":
                    await stdout.WriteLineAsync(Usage);
                    return 0;
                default:
                    throw new UsageException($"unknown command '{verb}'");
            }
        }
        catch (UsageException ex)
        {
            await stderr.WriteLineAsync($"crmsignal: {ex.Message}\n{Usage}");
            return 2;
        }
        catch (OptionsValidationException ex)
        {
            await ReportInvalidConfigurationAsync(stderr, [ex]);
            return 3;
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OptionsValidationException))
        {
            // Start-up validation reports every invalid section at once, one exception per section.
            await ReportInvalidConfigurationAsync(stderr, ex.InnerExceptions.Cast<OptionsValidationException>());
            return 3;
        }
        catch (MarketScopingUnavailableException ex)
        {
            await stderr.WriteLineAsync($"crmsignal: {ex.Message}");
            return 3;
        }
        catch (ArgumentException ex)
        {
            await stderr.WriteLineAsync($"crmsignal: {ex.Message}");
            return 2;
        }
    }

    private static async Task ReportInvalidConfigurationAsync(TextWriter stderr, IEnumerable<OptionsValidationException> errors)
    {
        await stderr.WriteLineAsync("crmsignal: configuration is invalid:");
        foreach (var failure in errors.SelectMany(e => e.Failures))
        {
            await stderr.WriteLineAsync($"  - {failure}");
        }
    }

    /// <summary>The host the verbs share; logs go to stderr so command output on stdout stays clean.</summary>
    internal static HostApplicationBuilder CreateBuilder(LogLevel minimumLevel)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        Configure(builder, minimumLevel);
        return builder;
    }

    /// <summary>
    /// The host of `run`: the same services and loops, behind a small web server for /healthz, /readyz and /metrics.
    /// Tests add configuration to it before <see cref="BuildRunHost"/>.
    /// </summary>
    internal static WebApplicationBuilder CreateRunBuilder()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        Configure(builder, LogLevel.Information);
        builder.AddCrmSignalWorkerLoops();
        builder.AddWorkerEndpoints();
        return builder;
    }

    internal static WebApplication BuildRunHost(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Build().MapWorkerEndpoints().MapWorkerApi();
    }

    private static void Configure(IHostApplicationBuilder builder, LogLevel minimumLevel)
    {
        // Commands other than `run` keep their output readable: their level wins over appsettings.json.
        if (minimumLevel > LogLevel.Information)
        {
            builder.Configuration.AddInMemoryCollection([new("Logging:LogLevel:Default", minimumLevel.ToString())]);
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(minimumLevel);
        builder.AddCrmSignalWorker();
    }

    private static async Task RunWorkerAsync(CancellationToken ct)
    {
        await using var host = BuildRunHost(CreateRunBuilder());
        await host.RunAsync(ct);
    }

    private static async Task<int> MigrateAsync(TextWriter stdout, CancellationToken ct)
    {
        using var host = CreateBuilder(LogLevel.Warning).Build();
        var version = await host.Services.GetRequiredService<MigrationRunner>().ApplyAsync(ct);
        await stdout.WriteLineAsync($"schema at version {version}");
        return 0;
    }

    private static async Task<int> OnceAsync(List<string> args, TextWriter stdout, CancellationToken ct)
    {
        var line = CommandLine.Parse(args, new HashSet<string>());
        line.RejectUnknownOptions("days");
        using var host = CreateBuilder(LogLevel.Information).Build();
        var services = host.Services;
        services.GetRequiredService<IStartupValidator>().Validate();
        var days = line.Option("days") is { } d
            ? int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 90 ? n : throw new UsageException("--days must be a whole number from 1 to 90")
            : services.GetRequiredService<IOptions<DigestOptions>>().Value.LookbackDays;

        await services.GetRequiredService<MigrationRunner>().ApplyAsync(ct);
        await services.GetRequiredService<HistorySync>().RunOnceAsync(ct);
        var to = DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime).AddDays(-1);
        var digest = await services.GetRequiredService<DigestComposer>().ComposeAsync(to.AddDays(1 - days), to, ct);
        await services.GetRequiredService<OutboxDispatcher>().RunOnceAsync(ct);
        var outbox = await services.GetRequiredService<OutboxStore>().CountByStatusAsync(ct);

        var (_, _, text) = services.GetRequiredService<EmailDigestRenderer>().Render(digest);
        await stdout.WriteLineAsync(text);
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"outbox: {outbox.GetValueOrDefault("sent")} sent, {outbox.GetValueOrDefault("pending")} pending, {outbox.GetValueOrDefault("failed")} failed"));
        return 0;
    }

    private static async Task<int> FlagsAsync(List<string> args, TextWriter stdout, CancellationToken ct)
    {
        var line = CommandLine.Parse(args, new HashSet<string>());
        var action = line.Words.Count > 0 ? line.Words[0] : throw new UsageException("flags needs an action: pause, resume or list");
        using var host = CreateBuilder(LogLevel.Warning).Build();
        await host.Services.GetRequiredService<MigrationRunner>().ApplyAsync(ct);
        var flags = host.Services.GetRequiredService<FlagService>();
        switch (action)
        {
            case "pause" or "resume":
                line.RejectUnknownOptions("reason", "by");
                var automation = line.Words.Count == 2 ? line.Words[1] : throw new UsageException($"flags {action} needs exactly one automation name");
                var reason = line.RequiredOption("reason", "say why, for the audit trail");
                var by = line.RequiredOption("by", "the person making the change");
                var result = action == "pause"
                    ? await flags.PauseAsync(automation, reason, by, ct)
                    : await flags.ResumeAsync(automation, reason, by, ct);
                await stdout.WriteLineAsync(Describe(result.Flag));
                if (!result.MirroredToRedis)
                {
                    await stdout.WriteLineAsync("warning: stored in Postgres, but Redis could not be reached; the running worker mirrors it when Redis is back");
                }

                return 0;
            case "list":
                line.RejectUnknownOptions();
                var all = await flags.ListAsync(ct);
                if (all.Count == 0)
                {
                    await stdout.WriteLineAsync("no stop-the-line flags");
                }

                foreach (var flag in all)
                {
                    await stdout.WriteLineAsync(Describe(flag));
                }

                return 0;
            default:
                throw new UsageException($"unknown flags action '{action}'");
        }
    }

    private static async Task<int> QuarantineAsync(List<string> args, TextWriter stdout, CancellationToken ct)
    {
        var line = CommandLine.Parse(args, new HashSet<string> { "all" });
        var action = line.Words.Count > 0 ? line.Words[0] : throw new UsageException("quarantine needs an action: list or redrive");
        using var host = CreateBuilder(LogLevel.Warning).Build();
        await host.Services.GetRequiredService<MigrationRunner>().ApplyAsync(ct);
        switch (action)
        {
            case "list":
                line.RejectUnknownOptions("all");
                var entries = await host.Services.GetRequiredService<QuarantineStore>().ListAsync(line.Option("all") is not null, limit: 1000, ct);
                if (entries.Count == 0)
                {
                    await stdout.WriteLineAsync("quarantine is empty");
                }

                foreach (var entry in entries)
                {
                    await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{entry.Id}\t{entry.Source}\t{entry.SourceKey}\t{entry.ReceivedAt:yyyy-MM-dd HH:mm:ss}Z\t{(entry.ResolvedAt is null ? "open" : entry.Resolution)}\t{entry.Reason}"));
                }

                return 0;
            case "redrive":
                line.RejectUnknownOptions();
                var ids = line.Words.Skip(1)
                    .Select(w => long.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : throw new UsageException($"'{w}' is not a quarantine id"))
                    .ToList();
                var outcomes = await host.Services.GetRequiredService<QuarantineRedriver>().RedriveAsync(ids, ct);
                foreach (var outcome in outcomes)
                {
                    await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{outcome.QuarantineId}\t{outcome.Result}\t{outcome.Detail}"));
                }

                await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"re-driven: {outcomes.Count(o => o.Result == RedriveResult.Redriven)}, still failing: {outcomes.Count(o => o.Result == RedriveResult.StillFailing)}"));
                return outcomes.Any(o => o.Result == RedriveResult.StillFailing) ? 1 : 0;
            default:
                throw new UsageException($"unknown quarantine action '{action}'");
        }
    }

    private static string Describe(StopFlag flag) => string.Create(CultureInfo.InvariantCulture,
        $"{flag.Automation}\t{(flag.Paused ? "PAUSED" : "active")}\tby {flag.ChangedBy} at {flag.ChangedAt:yyyy-MM-dd HH:mm:ss}Z\t{flag.Reason}");
}
