using System.Globalization;
using CrmSignalWorker.Cli;
using CrmSignalWorker.Sources;
using CrmSignalWorker.Storage;
using CrmSignalWorker.Storage.Lifecycle;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Lifecycle;

/// <summary>`crmsignal backfill --from &lt;date&gt; --to &lt;date&gt; [--objects A,B]`: re-reads history for a range.</summary>
internal static class BackfillCommand
{
    private static readonly string[] InstantFormats = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ssK"];

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, CancellationToken ct)
    {
        var line = CommandLine.Parse(args, new HashSet<string>());
        line.RejectUnknownOptions("from", "to", "objects");
        if (line.Words.Count > 0)
        {
            throw new UsageException($"backfill takes no words, only options: '{line.Words[0]}'");
        }

        var (from, to) = ParseRange(line.RequiredOption("from", "the first day to re-read (yyyy-MM-dd, UTC)"), line.RequiredOption("to", "the day after the last one (yyyy-MM-dd, UTC)"));
        using var host = WorkerCli.CreateBuilder(LogLevel.Warning).Build();
        var services = host.Services;
        var objects = SelectObjects(line.Option("objects"), services.GetRequiredService<IOptions<HistoryOptions>>().Value.Objects);
        var retention = services.GetRequiredService<IOptions<RetentionOptions>>().Value;
        var window = RetentionWindow.For(DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime), retention.Months, monthsAhead: 0);
        if (DateOnly.FromDateTime(from.UtcDateTime) < window.Cutoff)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"--from {from:yyyy-MM-dd} is before the retention cutoff {window.Cutoff:yyyy-MM-dd} (Retention:Months = {retention.Months}): rows that old would be dropped again"));
        }

        services.GetRequiredService<IStartupValidator>().Validate();
        await services.GetRequiredService<MigrationRunner>().ApplyAsync(ct);
        var results = await services.GetRequiredService<HistoryBackfill>().RunAsync(from, to, objects, ct);
        foreach (var result in results)
        {
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{result.HistoryObject}\t{result.Read} read\t{result.New} new\t{result.NewWorkflowEvents} new workflow events"));
        }

        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"backfill {from:yyyy-MM-dd'T'HH:mm:ss'Z'} to {to:yyyy-MM-dd'T'HH:mm:ss'Z'}: {results.Sum(r => r.Read)} read, {results.Sum(r => r.New)} new; watermarks unchanged"));
        return 0;
    }

    /// <summary>The range [from, to) in UTC; a date alone is its midnight.</summary>
    internal static (DateTimeOffset From, DateTimeOffset To) ParseRange(string from, string to)
    {
        var start = ParseInstant("from", from);
        var end = ParseInstant("to", to);
        return end > start ? (start, end) : throw new UsageException($"--to ({to}) must be later than --from ({from})");
    }

    /// <summary>
    /// The objects named by <paramref name="option"/> (comma-separated) in their configured spelling, or every configured
    /// object. Only configured ones: a typo would otherwise reach Salesforce as an unknown object.
    /// </summary>
    internal static IReadOnlyList<string> SelectObjects(string? option, IReadOnlyList<string> configured)
    {
        if (option is null)
        {
            return configured;
        }

        var names = option.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0)
        {
            throw new UsageException("--objects needs at least one history object name");
        }

        return [.. names.Select(name => configured.FirstOrDefault(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new UsageException($"--objects: '{name}' is not a configured history object (History:Objects: {string.Join(", ", configured)})")).Distinct()];
    }

    // History timestamps are whole seconds and SOQL datetime literals too, so finer input would be cut silently.
    private static DateTimeOffset ParseInstant(string option, string value) =>
        DateTimeOffset.TryParseExact(value, InstantFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            ? instant
            : throw new UsageException($"--{option} '{value}' is not a date (yyyy-MM-dd) or a time (yyyy-MM-ddTHH:mm:ssZ)");
}
