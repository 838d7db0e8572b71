using System.ComponentModel.DataAnnotations;
using CrmSignalWorker.Core.Configuration;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Sources;

public sealed class HistoryOptions
{
    public const string SectionName = "History";

    /// <summary>History objects to poll. OpportunityHistory is read as stage snapshots.</summary>
    [MinLength(1, ErrorMessage = "History:Objects must name at least one history object.")]
    public List<string> Objects { get; set; } = ["OpportunityFieldHistory", "OpportunityHistory", "LeadHistory"];

    /// <summary>Objects whose records are synced for segmentation (name, owner, market) before their history is read.</summary>
    public List<string> RecordObjects { get; set; } = ["Opportunity", "Lead"];

    [SettingRange(typeof(TimeSpan), "00:00:05", "1.00:00:00", ErrorMessage = "History:PollInterval must be between 5 seconds and 1 day.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far back the first poll of an object reaches when it has no watermark yet.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "730.00:00:00", ErrorMessage = "History:InitialBackfill must be between 0 and 730 days (the API keeps history 24 months).")]
    public TimeSpan InitialBackfill { get; set; } = TimeSpan.FromDays(30);
}

[OptionsValidator]
public sealed partial class HistoryOptionsValidator : IValidateOptions<HistoryOptions>;
