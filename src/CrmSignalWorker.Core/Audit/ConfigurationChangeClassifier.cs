namespace CrmSignalWorker.Core.Audit;

/// <summary>Turns a SetupAuditTrail row into the configuration change the trace reads: kind, component, who and when.</summary>
public sealed class ConfigurationChangeClassifier(ConfigurationChangeRules rules)
{
    public static ConfigurationChangeClassifier Default { get; } = new(ConfigurationChangeRules.Default);

    public ConfigurationChange Classify(SetupAuditRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var kind = rules.KindOf(row.Action, row.Section);
        return new ConfigurationChange(
            row.Id,
            kind,
            ComponentNames.From(kind, row.Display),
            row.Action,
            row.Section,
            row.Display,
            row.CreatedDate,
            row.CreatedById,
            string.IsNullOrWhiteSpace(row.DelegateUser) ? null : row.DelegateUser);
    }
}
