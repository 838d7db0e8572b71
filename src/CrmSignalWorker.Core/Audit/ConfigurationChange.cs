namespace CrmSignalWorker.Core.Audit;

/// <summary>
/// A Setup change as the trace reads it: the kind and the component it touched, next to Salesforce's own
/// Action, Section and Display, which are kept so a change can be re-read when the rules learn more.
/// </summary>
/// <param name="Id">The SetupAuditTrail row id; re-reading the row yields the same change.</param>
/// <param name="Component">The API name of the flow or rule, or null when the Display sentence does not name one.</param>
/// <param name="ChangedById">The user whose session made the change.</param>
/// <param name="DelegateUser">The Login-As user who acted in that session, if any.</param>
public sealed record ConfigurationChange(
    string Id,
    ConfigurationChangeKind Kind,
    string? Component,
    string Action,
    string? Section,
    string? Display,
    DateTimeOffset ChangedAt,
    string? ChangedById,
    string? DelegateUser);
