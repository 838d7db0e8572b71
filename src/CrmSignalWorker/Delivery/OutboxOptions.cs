using System.ComponentModel.DataAnnotations;
using CrmSignalWorker.Core.Configuration;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Delivery;

public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    [SettingRange(typeof(TimeSpan), "00:00:00.100", "00:10:00", ErrorMessage = "Outbox:PollInterval must be between 100 ms and 10 minutes.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts before a message is parked as failed (kept, visible, never deleted).</summary>
    [SettingRange(1, 1000, ErrorMessage = "Outbox:MaxAttempts must be between 1 and 1000.")]
    public int MaxAttempts { get; set; } = 30;

    [SettingRange(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Outbox:RetryBaseDelay must be between 1 second and 1 hour.")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    [SettingRange(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Outbox:RetryMaxDelay must be between 1 second and 1 day.")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(30);
}

[OptionsValidator]
public sealed partial class OutboxOptionsValidator : IValidateOptions<OutboxOptions>;
