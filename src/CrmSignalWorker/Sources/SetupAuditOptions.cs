using System.ComponentModel.DataAnnotations;
using CrmSignalWorker.Core.Audit;
using CrmSignalWorker.Core.Configuration;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Sources;

/// <summary>How the Setup audit trail is read into configuration changes.</summary>
public sealed class SetupAuditOptions : IValidatableObject
{
    public const string SectionName = "SetupAudit";

    /// <summary>Read the audit trail at all; the connected app's user needs View Setup and Configuration.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Setup changes are rare and the trace looks back hours, so this polls less often than history.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:05", "1.00:00:00", ErrorMessage = "SetupAudit:PollInterval must be between 5 seconds and 1 day.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How far before the watermark each poll starts again, for rows that commit late; re-read rows are de-duplicated by id.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "SetupAudit:Overlap must be between 0 and 1 day.")]
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far back the first poll reaches.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "180.00:00:00", ErrorMessage = "SetupAudit:InitialBackfill must be between 0 and 180 days (Salesforce keeps the audit trail 180 days).")]
    public TimeSpan InitialBackfill { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Action code → kind (flow_activated, validation_rule_changed, ...), added to the built-in rules or replacing
    /// one of them: Salesforce publishes no list of Action codes, so an operator who meets a new one maps it here.
    /// </summary>
    public Dictionary<string, string> ActionKinds { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Setup section → kind, for actions no code rule names.</summary>
    public Dictionary<string, string> SectionKinds { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public ConfigurationChangeRules ToRules() => ConfigurationChangeRules.Default.WithOverrides(Parse(ActionKinds), Parse(SectionKinds));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (setting, map) in new[] { ("ActionKinds", ActionKinds), ("SectionKinds", SectionKinds) })
        {
            foreach (var (key, value) in map)
            {
                if (!ConfigurationChangeKinds.TryParse(value, out _))
                {
                    yield return new ValidationResult(
                        $"SetupAudit:{setting}:{key} is '{value}', which is not one of {string.Join(", ", ConfigurationChangeKinds.Names)}.", [setting]);
                }
            }
        }
    }

    private static Dictionary<string, ConfigurationChangeKind> Parse(Dictionary<string, string> map)
    {
        var kinds = new Dictionary<string, ConfigurationChangeKind>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in map)
        {
            // An entry that does not parse was refused at start-up by Validate.
            if (ConfigurationChangeKinds.TryParse(value, out var kind))
            {
                kinds[key] = kind;
            }
        }

        return kinds;
    }
}

[OptionsValidator]
public sealed partial class SetupAuditOptionsValidator : IValidateOptions<SetupAuditOptions>;
