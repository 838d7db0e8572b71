using Microsoft.Extensions.Logging;

namespace CrmSignalWorker.Storage;

internal static partial class Log
{
    // Storage event ids: 2000-2999.
    [LoggerMessage(2000, LogLevel.Information, "Applied migration {Version} ({Name})")]
    public static partial void MigrationApplied(this ILogger logger, int version, string name);

    [LoggerMessage(2001, LogLevel.Debug, "Database schema is current at version {Version}")]
    public static partial void SchemaCurrent(this ILogger logger, int version);

    [LoggerMessage(2010, LogLevel.Information, "Ingested {FieldChanges} field changes, {WorkflowEvents} workflow events, {Snapshots} snapshots and {Quarantined} quarantined payloads for {Stream}")]
    public static partial void Ingested(this ILogger logger, string stream, int fieldChanges, int workflowEvents, int snapshots, int quarantined);

    [LoggerMessage(2011, LogLevel.Debug, "A row of the batch for {Stream} is stored already ({Constraint}); writing the batch through staging, which skips repeats")]
    public static partial void StraightCopyRefused(this ILogger logger, string stream, string? constraint);
}
