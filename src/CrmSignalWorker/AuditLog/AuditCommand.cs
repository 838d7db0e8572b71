using System.Globalization;
using CrmSignalWorker.Cli;
using CrmSignalWorker.Core.AuditLog;
using CrmSignalWorker.Storage;
using CrmSignalWorker.Storage.AuditLog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmSignalWorker.AuditLog;

/// <summary>
/// `crmsignal audit verify [--file &lt;export&gt;] [--head &lt;hash&gt;]` and `crmsignal audit export --out &lt;file&gt;`.
/// Exit 0: the chain is intact; exit 1: it is broken, and the output names the first position and how.
/// </summary>
internal static class AuditCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, CancellationToken ct)
    {
        var line = CommandLine.Parse(args, new HashSet<string>());
        var action = line.Words.Count == 1 ? line.Words[0] : throw new UsageException("audit needs one action: verify or export");
        switch (action)
        {
            case "verify":
                line.RejectUnknownOptions("file", "head");
                var head = line.Option("head");
                if (head is not null && !IsHash(head))
                {
                    throw new UsageException($"--head '{head}' is not a chain head (64 hexadecimal digits)");
                }

                var result = line.Option("file") is { } file
                    ? await VerifyFileAsync(file, head, ct)
                    : await VerifyDatabaseAsync(head, ct);
                await stdout.WriteLineAsync(result.Intact
                    ? string.Create(CultureInfo.InvariantCulture, $"audit chain intact: {result.Entries} entries, head {result.Head}")
                    : string.Create(CultureInfo.InvariantCulture, $"audit chain BROKEN at position {result.BrokenAt}: {result.Problem}"));
                return result.Intact ? 0 : 1;
            case "export":
                line.RejectUnknownOptions("out");
                var path = line.RequiredOption("out", "the file to write");
                using (var host = WorkerCli.CreateBuilder(LogLevel.Warning).Build())
                {
                    await host.Services.GetRequiredService<MigrationRunner>().ApplyAsync(ct);
                    var store = host.Services.GetRequiredService<AuditLogStore>();
                    await using var writer = new StreamWriter(path, append: false);
                    var (entries, exportedHead) = await AuditExportFile.WriteAsync(
                        store.ReadAllAsync(ct), writer, host.Services.GetRequiredService<TimeProvider>().GetUtcNow(), ct);
                    await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"exported {entries} entries to {path}, head {exportedHead}"));
                }

                return 0;
            default:
                throw new UsageException($"unknown audit action '{action}'");
        }
    }

    private static bool IsHash(string text) => text.Length == 64 && text.All(char.IsAsciiHexDigit);

    private static async Task<AuditVerification> VerifyFileAsync(string path, string? head, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"--file {path} does not exist");
        }

        using var reader = new StreamReader(path);
        try
        {
            return await AuditExportFile.VerifyAsync(reader, head, ct);
        }
        catch (FormatException ex)
        {
            throw new UsageException($"--file {path}: {ex.Message}");
        }
    }

    private static async Task<AuditVerification> VerifyDatabaseAsync(string? head, CancellationToken ct)
    {
        using var host = WorkerCli.CreateBuilder(LogLevel.Warning).Build();
        await host.Services.GetRequiredService<MigrationRunner>().ApplyAsync(ct);
        var verifier = new AuditChainVerifier(head);
        await foreach (var entry in host.Services.GetRequiredService<AuditLogStore>().ReadAllAsync(ct))
        {
            if (!verifier.Add(entry))
            {
                break;
            }
        }

        return verifier.Complete();
    }
}
