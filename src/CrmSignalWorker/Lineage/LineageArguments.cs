using System.Globalization;
using CrmSignalWorker.Cli;
using CrmSignalWorker.Core.Lineage;

namespace CrmSignalWorker.Lineage;

/// <summary>
/// What `crmsignal lineage [--window &lt;days&gt;d | --from &lt;date&gt; --to &lt;date&gt;] [--json] [--html &lt;file&gt;]` asks
/// for. Every mistake is a <see cref="UsageException"/> naming the argument, before anything touches the database.
/// </summary>
internal sealed record LineageArguments(TimeSpan? Window, LineageWindow? Range, bool Json, string? HtmlPath)
{
    public const int MaxWindowDays = 730;

    private static readonly string[] InstantFormats = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ssK"];

    public static LineageArguments Parse(IReadOnlyList<string> args)
    {
        var line = CommandLine.Parse(args, new HashSet<string> { "json" });
        line.RejectUnknownOptions("window", "from", "to", "json", "html");
        if (line.Words.Count > 0)
        {
            throw new UsageException($"lineage takes no words, only options: '{line.Words[0]}'");
        }

        var window = line.Option("window") is { } days ? ParseWindow(days) : (TimeSpan?)null;
        var from = line.Option("from");
        var to = line.Option("to");
        LineageWindow? range = null;
        if (from is not null || to is not null)
        {
            if (window is not null)
            {
                throw new UsageException("--window cannot be combined with --from/--to: give a length ending now, or a range");
            }

            range = ParseRange(
                from ?? throw new UsageException("--from is required with --to: the first instant counted (yyyy-MM-dd, UTC)"),
                to ?? throw new UsageException("--to is required with --from: the end of the range, not counted (yyyy-MM-dd, UTC)"));
        }

        return new LineageArguments(window, range, line.Option("json") is not null, ParseHtmlPath(line.Option("html")));
    }

    /// <summary>The range asked for, or the window (asked for, else the configured one) ending <paramref name="now"/>.</summary>
    public LineageWindow WindowEnding(DateTimeOffset now, TimeSpan configured) => Range ?? LineageWindow.Ending(now, Window ?? configured);

    /// <summary>"30d" or "30": whole days, since the inventory is read over weeks and months.</summary>
    private static TimeSpan ParseWindow(string value)
    {
        var digits = value.EndsWith('d') ? value[..^1] : value;
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= MaxWindowDays
            ? TimeSpan.FromDays(days)
            : throw new UsageException($"--window '{value}' is not a number of days from 1 to {MaxWindowDays} (e.g. 30d)");
    }

    private static LineageWindow ParseRange(string from, string to)
    {
        var start = ParseInstant("from", from);
        var end = ParseInstant("to", to);
        return end > start ? new LineageWindow(start, end) : throw new UsageException($"--to ({to}) must be later than --from ({from})");
    }

    private static DateTimeOffset ParseInstant(string option, string value) =>
        DateTimeOffset.TryParseExact(value, InstantFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            ? instant
            : throw new UsageException($"--{option} '{value}' is not a date (yyyy-MM-dd) or a time (yyyy-MM-ddTHH:mm:ssZ)");

    /// <summary>Checked before the query runs, so a typo in the folder does not cost a month's aggregation.</summary>
    private static string? ParseHtmlPath(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new UsageException("--html needs a file name");
        }

        var full = Path.GetFullPath(value);
        if (Directory.Exists(full))
        {
            throw new UsageException($"--html '{value}' is a directory; name the file to write");
        }

        var directory = Path.GetDirectoryName(full);
        return directory is null || Directory.Exists(directory)
            ? full
            : throw new UsageException($"--html '{value}': the directory '{directory}' does not exist");
    }
}
