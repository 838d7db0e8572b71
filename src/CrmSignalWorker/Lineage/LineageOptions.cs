using CrmSignalWorker.Core.Configuration;
using CrmSignalWorker.Core.Lineage;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Lineage;

public sealed class LineageOptions
{
    public const string SectionName = "Lineage";

    /// <summary>How far back `crmsignal lineage` and the attribution coverage gauge look by default, ending now.</summary>
    [SettingRange(typeof(TimeSpan), "1.00:00:00", "730.00:00:00", ErrorMessage = "Lineage:Window must be between 1 day and 730 days.")]
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The share of stage and owner changes with a known actor and channel a team must reach (issue 4: 80 %).</summary>
    [SettingRange(typeof(decimal), "0.01", "1", ErrorMessage = "Lineage:CoverageTarget must be a share between 0.01 and 1 (0.8 is 80 %).")]
    public decimal CoverageTarget { get; set; } = AttributionCoverage.DefaultTarget;

    /// <summary>
    /// How often the coverage gauge is worked out again. It reads a month of writes, so a scrape reads the last result
    /// instead of querying; coverage moves slowly, so minutes are plenty.
    /// </summary>
    [SettingRange(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Lineage:CoverageRefreshInterval must be between 1 minute and 1 day.")]
    public TimeSpan CoverageRefreshInterval { get; set; } = TimeSpan.FromMinutes(15);
}

[OptionsValidator]
public sealed partial class LineageOptionsValidator : IValidateOptions<LineageOptions>;
