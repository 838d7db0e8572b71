using System.ComponentModel.DataAnnotations;
using CrmSignalWorker.Core.Configuration;
using CrmSignalWorker.Core.Watch;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Watch;

/// <summary>When the worker alerts about itself.</summary>
public sealed class WatchOptions : IValidatableObject
{
    public const string SectionName = "Watch";

    [SettingRange(typeof(TimeSpan), "00:00:10", "01:00:00", ErrorMessage = "Watch:CheckInterval must be between 10 seconds and 1 hour.")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A stream that stores nothing this long during business hours raises an alert.</summary>
    [SettingRange(typeof(TimeSpan), "00:01:00", "7.00:00:00", ErrorMessage = "Watch:QuietPeriod must be between 1 minute and 7 days.")]
    public TimeSpan QuietPeriod { get; set; } = TimeSpan.FromHours(2);

    /// <summary>IANA time zone of the business hours in which a quiet stream is suspicious.</summary>
    public string BusinessTimeZone { get; set; } = "UTC";

    public TimeOnly BusinessStart { get; set; } = new(8, 0);

    public TimeOnly BusinessEnd { get; set; } = new(18, 0);

    /// <summary>A batch stored this long after its changes committed in Salesforce raises an alert.</summary>
    [SettingRange(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Watch:MaxStreamLag must be between 1 minute and 1 day.")]
    public TimeSpan MaxStreamLag { get; set; } = TimeSpan.FromMinutes(30);

    [SettingRange(typeof(double), "0.1", "1.0", ErrorMessage = "Watch:ApiShareWarning must be between 0.1 and 1.0.")]
    public double ApiShareWarning { get; set; } = 0.9;

    /// <summary>Quarantined payloads in one hour that raise an alert.</summary>
    [SettingRange(1, 100_000, ErrorMessage = "Watch:QuarantineSpike must be between 1 and 100000.")]
    public int QuarantineSpike { get; set; } = 20;

    /// <summary>Failing messages of one channel (retrying, or parked in the last hour) that raise an alert.</summary>
    [SettingRange(1, 10_000, ErrorMessage = "Watch:ReceiverFailures must be between 1 and 10000.")]
    public int ReceiverFailures { get; set; } = 3;

    public WatchThresholds ToThresholds() => new(
        QuietPeriod, TimeZoneInfo.FindSystemTimeZoneById(BusinessTimeZone), BusinessStart, BusinessEnd, MaxStreamLag, ApiShareWarning, QuarantineSpike, ReceiverFailures);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(BusinessTimeZone, out _))
        {
            yield return new ValidationResult($"Watch:BusinessTimeZone '{BusinessTimeZone}' is not a known time zone id.", [nameof(BusinessTimeZone)]);
        }

        if (BusinessEnd <= BusinessStart)
        {
            yield return new ValidationResult("Watch:BusinessEnd must be later than Watch:BusinessStart.", [nameof(BusinessEnd)]);
        }
    }
}

[OptionsValidator]
public sealed partial class WatchOptionsValidator : IValidateOptions<WatchOptions>;
