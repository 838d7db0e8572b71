using CrmSignalWorker.Cli;
using CrmSignalWorker.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Lineage;

/// <summary>`crmsignal lineage`: the field-to-writers inventory and attribution coverage of a window, as a table, JSON or an HTML page.</summary>
internal static class LineageCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var arguments = LineageArguments.Parse(args);
        using var host = WorkerCli.CreateBuilder(LogLevel.Warning).Build();
        var services = host.Services;
        var options = services.GetRequiredService<IOptions<LineageOptions>>().Value;
        await services.GetRequiredService<MigrationRunner>().ApplyAsync(ct);
        var window = arguments.WindowEnding(services.GetRequiredService<TimeProvider>().GetUtcNow(), options.Window);
        var report = await services.GetRequiredService<LineageReportReader>().ReadAsync(window, ct);

        // JSON alone on stdout, so it pipes into jq; the table otherwise.
        await stdout.WriteAsync(arguments.Json
            ? services.GetRequiredService<LineageJsonWriter>().Write(report) + "\n"
            : services.GetRequiredService<LineageTableRenderer>().Render(report));

        if (arguments.HtmlPath is { } path)
        {
            try
            {
                await File.WriteAllTextAsync(path, services.GetRequiredService<LineageHtmlRenderer>().Render(report), ct);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync($"crmsignal: --html: cannot write '{path}': {ex.Message}");
                return 1;
            }

            await stderr.WriteLineAsync($"wrote {path}");
        }

        return 0;
    }
}
