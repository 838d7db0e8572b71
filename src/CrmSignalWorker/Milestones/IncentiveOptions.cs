using System.ComponentModel.DataAnnotations;
using CrmSignalWorker.Core.Calendars;
using CrmSignalWorker.Core.Configuration;
using CrmSignalWorker.Core.Incentives;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Milestones;

/// <summary>Incentive periods: the fiscal calendar, the commit milestone, and how the job reads stored writes.</summary>
public sealed class IncentiveOptions : IValidatableObject
{
    public const string SectionName = "Incentives";

    /// <summary>Off: no incentive events are derived and the job reads nothing.</summary>
    public bool Enabled { get; set; } = true;

    [SettingRange(typeof(TimeSpan), "00:00:05", "1.00:00:00", ErrorMessage = "Incentives:Interval must be between 5 seconds and 1 day.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <inheritdoc cref="SlaClockOptions.SettleDelay"/>
    [SettingRange(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "Incentives:SettleDelay must be between 0 and 10 minutes.")]
    public TimeSpan SettleDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The final-days event of a record in commit is emitted once the final days began this long ago (the event keeps the
    /// instant they began), so a write that took the record out of commit before and is still on its way counts first.
    /// </summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Incentives:FinalDaysDelay must be between 0 and 1 day.")]
    public TimeSpan FinalDaysDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>IANA time zone in which periods begin and end at midnight, e.g. America/New_York.</summary>
    public string TimeZone { get; set; } = "UTC";

    [SettingRange(1, 12, ErrorMessage = "Incentives:FiscalYearStartMonth must be between 1 (January) and 12.")]
    public int FiscalYearStartMonth { get; set; } = 1;

    /// <summary>Quarter, Month, or Custom (only <see cref="CustomPeriods"/>).</summary>
    public FiscalPeriodKind Period { get; set; } = FiscalPeriodKind.Quarter;

    /// <summary>EndingYear (FY2026 ends in 2026) or StartingYear.</summary>
    public FiscalYearLabel FiscalYearLabel { get; set; } = FiscalYearLabel.EndingYear;

    public List<CustomPeriodOptions> CustomPeriods { get; set; } = [];

    /// <summary>The length of a period's final stretch; 7 is the last week.</summary>
    [SettingRange(1, 31, ErrorMessage = "Incentives:FinalDays must be between 1 and 31.")]
    public int FinalDays { get; set; } = 7;

    [Required(ErrorMessage = "Incentives:CommitObject is required, e.g. Opportunity.")]
    public string CommitObject { get; set; } = "Opportunity";

    /// <summary>The forecast category or stage field whose values mean "in commit".</summary>
    [Required(ErrorMessage = "Incentives:CommitField is required, e.g. ForecastCategoryName or StageName.")]
    public string CommitField { get; set; } = "ForecastCategoryName";

    /// <summary>Values of <see cref="CommitField"/> that are commit; Commit when none are configured.</summary>
    public List<string> CommitValues { get; set; } = [];

    public static IReadOnlyList<string> DefaultCommitValues { get; } = ["Commit"];

    public FiscalCalendar ToCalendar() => new(
        TimeZoneInfo.FindSystemTimeZoneById(TimeZone),
        FiscalYearStartMonth,
        Period,
        FiscalYearLabel,
        CustomPeriods.Select(p => new CustomPeriod(p.Name, p.FirstDay, p.LastDay)),
        FinalDays);

    public CommitMilestone ToMilestone() => new(CommitObject, CommitField, CommitValues.Count == 0 ? DefaultCommitValues : CommitValues);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult($"Incentives:TimeZone '{TimeZone}' is not a known time zone id.", [nameof(TimeZone)]);
        }

        if (Period == FiscalPeriodKind.Custom && CustomPeriods.Count == 0)
        {
            yield return new ValidationResult("Incentives:CustomPeriods must hold at least one period when Incentives:Period is Custom.", [nameof(CustomPeriods)]);
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < CustomPeriods.Count; i++)
        {
            var period = CustomPeriods[i];
            if (string.IsNullOrWhiteSpace(period.Name) || !names.Add(period.Name))
            {
                yield return new ValidationResult($"Incentives:CustomPeriods:{i}:Name must be set and unique.", [nameof(CustomPeriods)]);
            }

            if (period.LastDay < period.FirstDay)
            {
                yield return new ValidationResult($"Incentives:CustomPeriods:{i}:LastDay must not be before its FirstDay.", [nameof(CustomPeriods)]);
            }
        }

        var ordered = CustomPeriods.Select((p, i) => (p, i)).OrderBy(x => x.p.FirstDay).ToList();
        foreach (var (earlier, later) in ordered.Zip(ordered.Skip(1)))
        {
            if (later.p.FirstDay <= earlier.p.LastDay)
            {
                yield return new ValidationResult($"Incentives:CustomPeriods:{later.i} overlaps Incentives:CustomPeriods:{earlier.i}.", [nameof(CustomPeriods)]);
            }
        }
    }
}

[OptionsValidator]
public sealed partial class IncentiveOptionsValidator : IValidateOptions<IncentiveOptions>;
