using System.ComponentModel.DataAnnotations;
using CrmSignalWorker.Core.Configuration;
using CrmSignalWorker.Core.Signals;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Signals;

public sealed class SignalOptions
{
    public const string SectionName = "Signals";

    /// <summary>Share of records with 2+ stage changes in 24 h above which a day and segment breaches.</summary>
    [SettingRange(typeof(decimal), "0", "1", ErrorMessage = "Signals:StageJumpThreshold must be a share between 0 and 1 (0.05 is 5 %).")]
    public decimal StageJumpThreshold { get; set; } = SameDayStageJumpSignal.DefaultThreshold;

    /// <summary>Share of records with 2+ owner changes in 7 days above which a day and segment breaches.</summary>
    [SettingRange(typeof(decimal), "0", "1", ErrorMessage = "Signals:OwnerPingPongThreshold must be a share between 0 and 1 (0.05 is 5 %).")]
    public decimal OwnerPingPongThreshold { get; set; } = OwnerPingPongSignal.DefaultThreshold;

    /// <summary>Days re-evaluated on each run, ending today; late-arriving history changes recent days.</summary>
    [SettingRange(1, 400, ErrorMessage = "Signals:EvaluationDays must be between 1 and 400.")]
    public int EvaluationDays { get; set; } = 3;

    [SettingRange(typeof(TimeSpan), "00:00:05", "1.00:00:00", ErrorMessage = "Signals:EvaluationInterval must be between 5 seconds and 1 day.")]
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromMinutes(15);
}

[OptionsValidator]
public sealed partial class SignalOptionsValidator : IValidateOptions<SignalOptions>;
