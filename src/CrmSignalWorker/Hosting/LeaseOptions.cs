using System.ComponentModel.DataAnnotations;
using CrmSignalWorker.Core.Configuration;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Hosting;

/// <summary>How replicas share work: each change stream and the scheduler is held by one replica under a lease.</summary>
public sealed class LeaseOptions : IValidatableObject
{
    public const string SectionName = "Leases";

    /// <summary>How long a lease lasts unless renewed: how long a dead replica's work waits before another takes it.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Leases:Ttl must be between 1 second and 10 minutes.")]
    public TimeSpan Ttl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a holder renews, and a waiting replica tries to take over.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = "Leases:RenewInterval must be between 100 milliseconds and 5 minutes.")]
    public TimeSpan RenewInterval { get; set; } = TimeSpan.FromSeconds(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Two renewals must fit in a lease, or a single slow renewal hands the work to another replica.
        if (RenewInterval * 2 > Ttl)
        {
            yield return new ValidationResult(
                $"Leases:RenewInterval ({RenewInterval}) must be at most half of Leases:Ttl ({Ttl}).", [nameof(RenewInterval)]);
        }
    }
}

[OptionsValidator]
public sealed partial class LeaseOptionsValidator : IValidateOptions<LeaseOptions>;
