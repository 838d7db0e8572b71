using CrmSignalWorker.Core.Configuration;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Lifecycle;

public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>
    /// Whole months kept before the current one; older months of field_change and workflow_event are dropped.
    /// Salesforce keeps field history 24 months, so nothing older can be re-read by a backfill anyway; 25 keeps all of
    /// that, including the part-month at its start. At least 3, so the longest digest period (90 days) stays stored.
    /// </summary>
    [SettingRange(3, 240, ErrorMessage = "Retention:Months must be between 3 and 240 (a digest may cover 90 days, so at least 3 months stay).")]
    public int Months { get; set; } = 25;

    /// <summary>How often partitions are created ahead and old ones dropped; months change slowly, so hours are plenty.</summary>
    [SettingRange(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Retention:Interval must be between 1 minute and 1 day.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(6);
}

[OptionsValidator]
public sealed partial class RetentionOptionsValidator : IValidateOptions<RetentionOptions>;
