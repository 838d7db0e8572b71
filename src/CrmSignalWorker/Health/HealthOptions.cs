using CrmSignalWorker.Core.Configuration;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Health;

/// <summary>What /readyz checks and how patiently.</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>
    /// A change stream is lagging when its newest stored event committed longer ago than this and no keep-alive
    /// since has said nothing newer exists. Salesforce sends a keep-alive within 270 s, so below that a quiet
    /// stream would read as lagging.
    /// </summary>
    [SettingRange(typeof(TimeSpan), "00:01:00", "7.00:00:00", ErrorMessage = "Health:MaxStreamLag must be between 1 minute and 7 days.")]
    public TimeSpan MaxStreamLag { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long the outcome of the Salesforce token check is reused. Probes come every few seconds; a refused
    /// credential asked again each time would only add failed logins to the org's login history.
    /// </summary>
    [SettingRange(typeof(TimeSpan), "00:00:05", "01:00:00", ErrorMessage = "Health:AuthCheckInterval must be between 5 seconds and 1 hour.")]
    public TimeSpan AuthCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest one check may take before it counts as failed; probes have deadlines of their own.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:01", "00:01:00", ErrorMessage = "Health:CheckTimeout must be between 1 second and 1 minute.")]
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

[OptionsValidator]
public sealed partial class HealthOptionsValidator : IValidateOptions<HealthOptions>;
