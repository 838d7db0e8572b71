using System.Reflection;
using CrmSignalWorker.Core.AuditLog;
using CrmSignalWorker.Notifications.Email;
using CrmSignalWorker.Salesforce;
using CrmSignalWorker.Storage;
using CrmSignalWorker.Storage.AuditLog;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmSignalWorker.AuditLog;

/// <summary>
/// At start, records in the audit log which of the worker's settings changed since the last start (names only,
/// never values). Runs after migrations and before the jobs, so an entry precedes anything the new settings did.
/// </summary>
internal sealed class ConfigurationAudit(IConfiguration configuration, AuditLogStore audit, TimeProvider timeProvider, ILogger<ConfigurationAudit> logger)
    : IHostedService
{
    /// <summary>The sections the worker binds, found from its options classes, so process-wide variables stay out.</summary>
    private static readonly HashSet<string> Sections = new[] { typeof(ConfigurationAudit), typeof(SmtpOptions), typeof(PostgresOptions), typeof(SalesforceOptions) }
        .Select(t => t.Assembly)
        .SelectMany(a => a.GetTypes())
        .Select(t => t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static))
        .Where(f => f is { IsLiteral: true, FieldType: var type } && type == typeof(string))
        .Select(f => (string)f!.GetRawConstantValue()!)
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = configuration.AsEnumerable()
            .Where(s => s.Value is not null && Sections.Contains(s.Key.Split(':')[0]));
        var current = ConfigurationFingerprint.Of(settings);
        IReadOnlyList<string> changed = [];
        var entry = await audit.AppendDecidedAsync(
            AuditKinds.ConfigurationChanged,
            latest =>
            {
                changed = current.ChangedSince(ConfigurationFingerprint.FromAuditDetail(latest?.Detail));
                return changed.Count == 0
                    ? null
                    : new AuditRecord(AuditKinds.ConfigurationChanged, "worker", "configuration", current.ToAuditDetail(changed), timeProvider.GetUtcNow());
            },
            cancellationToken);
        if (entry is not null)
        {
            logger.ConfigurationChangeAudited(changed.Count, string.Join(", ", changed), entry.Position);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

internal static partial class AuditLogLog
{
    [LoggerMessage(470, LogLevel.Information, "{Count} setting(s) changed since the last start: {Settings}; recorded as audit entry {Position}")]
    public static partial void ConfigurationChangeAudited(this ILogger logger, int count, string settings, long position);
}
