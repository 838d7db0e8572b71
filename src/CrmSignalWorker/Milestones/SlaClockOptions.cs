using System.ComponentModel.DataAnnotations;
using CrmSignalWorker.Core.Configuration;
using CrmSignalWorker.Core.Sla;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Milestones;

/// <summary>SLA clocks: the policies, the market calendars they are measured in, and how the job reads stored writes.</summary>
public sealed class SlaClockOptions : IValidatableObject
{
    public const string SectionName = "SlaClocks";

    /// <summary>The calendar of markets without their own.</summary>
    public const string DefaultCalendar = "Default";

    [SettingRange(typeof(TimeSpan), "00:00:05", "01:00:00", ErrorMessage = "SlaClocks:Interval must be between 5 seconds and 1 hour.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Rows are read this long after they were stored, so a transaction still committing rows of that instant is not skipped.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "SlaClocks:SettleDelay must be between 0 and 10 minutes.")]
    public TimeSpan SettleDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A clock that ran out without a write breaches once its due instant is this far past (the event keeps the due
    /// instant), so a write made before it and still on its way (a history poll) can stop the clock first.
    /// </summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "SlaClocks:BreachDelay must be between 0 and 1 day.")]
    public TimeSpan BreachDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The field holding a record's lead source; the last value stored for a record selects its policy.</summary>
    [Required(ErrorMessage = "SlaClocks:LeadSourceField is required (LeadSource unless the org uses its own field).")]
    public string LeadSourceField { get; set; } = "LeadSource";

    /// <summary>Market → working time; <see cref="DefaultCalendar"/> for every market without its own.</summary>
    public Dictionary<string, BusinessCalendarOptions> Calendars { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public List<SlaPolicyOptions> Policies { get; set; } = [];

    public SlaPolicySet ToPolicySet()
    {
        var calendars = Calendars.Where(c => !IsDefault(c.Key)).ToDictionary(c => c.Key, c => c.Value.ToCalendar(), StringComparer.OrdinalIgnoreCase);
        var fallback = Calendars.FirstOrDefault(c => IsDefault(c.Key)).Value?.ToCalendar();
        return new SlaPolicySet(Policies.Select(p => p.ToPolicy()).ToList(), calendars, fallback);
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BreachDelay < SettleDelay)
        {
            yield return new ValidationResult($"{SectionName}:BreachDelay must not be shorter than {SectionName}:SettleDelay: a breach would be emitted before the writes that could prevent it are read.", [nameof(BreachDelay)]);
        }

        foreach (var (market, calendar) in Calendars)
        {
            var key = $"{SectionName}:Calendars:{market}";
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(calendar.TimeZone, out _))
            {
                yield return new ValidationResult($"{key}:TimeZone '{calendar.TimeZone}' is not a known time zone id.", [nameof(Calendars)]);
            }

            if (!new Core.Calendars.BusinessHours(calendar.Open, calendar.Close).IsValid)
            {
                yield return new ValidationResult($"{key}:Close must be later than {key}:Open (00:00 closes at midnight).", [nameof(Calendars)]);
            }
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Policies.Count; i++)
        {
            foreach (var error in Validate(Policies[i], $"{SectionName}:Policies:{i}", names))
            {
                yield return new ValidationResult(error, [nameof(Policies)]);
            }
        }
    }

    private IEnumerable<string> Validate(SlaPolicyOptions policy, string key, HashSet<string> names)
    {
        if (string.IsNullOrWhiteSpace(policy.Name))
        {
            yield return $"{key}:Name is required.";
        }
        else if (!names.Add(policy.Name))
        {
            yield return $"{key}:Name '{policy.Name}' is used by another policy.";
        }

        foreach (var (value, setting) in new[] { (policy.ObjectName, "ObjectName"), (policy.StateField, "StateField"), (policy.State, "State") })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                yield return $"{key}:{setting} is required.";
            }
        }

        if (policy.Target <= TimeSpan.Zero || policy.Target > TimeSpan.FromDays(366))
        {
            yield return $"{key}:Target must be between 1 second and 366 days of business time.";
        }

        var market = string.IsNullOrWhiteSpace(policy.Market) ? null : policy.Market;
        if (!Calendars.ContainsKey(DefaultCalendar) && (market is null || !Calendars.ContainsKey(market)))
        {
            yield return market is null
                ? $"{key} applies to every market, so {SectionName}:Calendars:{DefaultCalendar} is required."
                : $"{key} needs {SectionName}:Calendars:{market} or {SectionName}:Calendars:{DefaultCalendar}.";
        }

        for (var r = 0; r < policy.StopWhen.Count; r++)
        {
            var rule = policy.StopWhen[r];
            var ruleKey = $"{key}:StopWhen:{r}";
            if (string.IsNullOrWhiteSpace(rule.Field) == string.IsNullOrWhiteSpace(rule.Activity))
            {
                yield return $"{ruleKey} must name either a Field or an Activity.";
            }
            else if (rule.Activity is not null && !SlaStopRuleOptions.TryParseActivity(rule.Activity, out _))
            {
                yield return $"{ruleKey}:Activity '{rule.Activity}' is not a workflow event type (stage_change, handoff, notification, record_created).";
            }
        }
    }

    private static bool IsDefault(string market) => string.Equals(market, DefaultCalendar, StringComparison.OrdinalIgnoreCase);
}

[OptionsValidator]
public sealed partial class SlaClockOptionsValidator : IValidateOptions<SlaClockOptions>;
