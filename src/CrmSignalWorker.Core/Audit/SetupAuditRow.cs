namespace CrmSignalWorker.Core.Audit;

/// <summary>One row of Salesforce's SetupAuditTrail as read: who changed what in Setup, and when.</summary>
/// <param name="Action">Salesforce's code for the change, e.g. <c>changedValidationFormula</c>.</param>
/// <param name="Section">The Setup menu section, e.g. <c>Validation Rules</c> or <c>Manage Users</c>.</param>
/// <param name="Display">Salesforce's sentence describing the change; names the component in most sections.</param>
/// <param name="DelegateUser">The Login-As user who really made the change, when an admin acted as someone else.</param>
public sealed record SetupAuditRow(
    string Id,
    string Action,
    string? Section,
    DateTimeOffset CreatedDate,
    string? CreatedById,
    string? Display,
    string? DelegateUser);
