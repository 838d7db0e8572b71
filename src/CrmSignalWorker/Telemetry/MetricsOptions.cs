using CrmSignalWorker.Core.Configuration;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Telemetry;

public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>
    /// How often the gauges kept in Postgres (quarantine, outbox, flags, stream watermarks) are read again. A
    /// scrape reads the last sample, so a slow or unreachable database never stalls it.
    /// </summary>
    [SettingRange(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Metrics:GaugeRefreshInterval must be between 1 second and 10 minutes.")]
    public TimeSpan GaugeRefreshInterval { get; set; } = TimeSpan.FromSeconds(15);
}

[OptionsValidator]
public sealed partial class MetricsOptionsValidator : IValidateOptions<MetricsOptions>;
