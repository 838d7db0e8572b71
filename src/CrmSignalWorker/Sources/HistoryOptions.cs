using System.ComponentModel.DataAnnotations;
using CrmSignalWorker.Core.Configuration;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Sources;

public sealed class HistoryOptions
{
    public const string SectionName = "History";

    public static IReadOnlyList<string> DefaultObjects { get; } = ["OpportunityFieldHistory", "OpportunityHistory", "LeadHistory"];

    public static IReadOnlyList<string> DefaultRecordObjects { get; } = ["Opportunity", "Lead"];

    /// <summary>
    /// History objects to poll; empty means <see cref="DefaultObjects"/>. OpportunityHistory is read as stage
    /// snapshots. Lists start empty because the configuration binder appends to a list rather than replacing
    /// it, so defaults set here would be polled twice and could never be narrowed.
    /// </summary>
    public List<string> Objects { get; set; } = [];

    /// <summary>
    /// How far before the watermark each poll starts again. A row can commit with a CreatedDate earlier than
    /// rows already read (long transactions, replication lag): without the overlap an incremental poll
    /// skips it for good. Re-read rows are de-duplicated by source key.
    /// </summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "History:Overlap must be between 0 and 1 day.")]
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Read history through queryAll, which also returns rows of deleted records: when a record is deleted
    /// before its history was read, `query` would no longer return those writes.
    /// </summary>
    public bool IncludeDeleted { get; set; } = true;

    /// <summary>Objects whose records are synced for segmentation (name, owner, market) before their history is read.</summary>
    /// <remarks>Empty means <see cref="DefaultRecordObjects"/>.</remarks>
    public List<string> RecordObjects { get; set; } = [];

    /// <summary>Fills the lists an operator left empty; run after binding.</summary>
    public void ApplyDefaults()
    {
        if (Objects.Count == 0)
        {
            Objects.AddRange(DefaultObjects);
        }

        if (RecordObjects.Count == 0)
        {
            RecordObjects.AddRange(DefaultRecordObjects);
        }
    }

    [SettingRange(typeof(TimeSpan), "00:00:05", "1.00:00:00", ErrorMessage = "History:PollInterval must be between 5 seconds and 1 day.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often queued re-reads (gaps a change stream reported) are looked for.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "History:RereadInterval must be between 1 second and 1 hour.")]
    public TimeSpan RereadInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How far back the first poll of an object reaches when it has no watermark yet.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "730.00:00:00", ErrorMessage = "History:InitialBackfill must be between 0 and 730 days (the API keeps history 24 months).")]
    public TimeSpan InitialBackfill { get; set; } = TimeSpan.FromDays(30);
}

[OptionsValidator]
public sealed partial class HistoryOptionsValidator : IValidateOptions<HistoryOptions>;
