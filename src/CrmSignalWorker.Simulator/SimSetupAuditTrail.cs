namespace CrmSignalWorker.Simulator;

/// <summary>One SetupAuditTrail row: a change someone made in Setup.</summary>
/// <param name="CreatedById">The user whose session made the change.</param>
/// <param name="DelegateUser">The username of the admin who made it while logged in as <paramref name="CreatedById"/>, else null.</param>
/// <param name="ResponsibleNamespacePrefix">The namespace of the managed package that made the change, else null.</param>
public sealed record SimSetupAuditTrail(
    string Id,
    string Action,
    string? Section,
    DateTimeOffset CreatedDate,
    string CreatedById,
    string? Display,
    string? DelegateUser,
    string? ResponsibleNamespacePrefix);

/// <summary>
/// The org's Setup audit trail and the changes planted in it that a trace should find: a Flow version activated
/// shortly before the jumping integration's first stage jump, a validation rule edit and an assignment rule change,
/// among everyday admin work (password resets and permission set assignments every day, a workflow rule switched
/// off in a Login-As session, an unrelated flow deactivated).
/// </summary>
public sealed class SimSetupAudit
{
    internal SimSetupAudit(
        IReadOnlyList<SimSetupAuditTrail> rows,
        SimSetupAuditTrail flowActivation,
        string flowApiName,
        SimSetupAuditTrail validationRuleEdit,
        SimSetupAuditTrail assignmentRuleChange,
        DateTimeOffset spikeStartsAt)
    {
        Rows = rows;
        FlowActivation = flowActivation;
        FlowApiName = flowApiName;
        ValidationRuleEdit = validationRuleEdit;
        AssignmentRuleChange = assignmentRuleChange;
        SpikeStartsAt = spikeStartsAt;
    }

    /// <summary>Sorted by (CreatedDate, Id), which is also creation order.</summary>
    public IReadOnlyList<SimSetupAuditTrail> Rows { get; }

    /// <summary>The Flow version activation that precedes the spike; no other flow is activated between it and the spike.</summary>
    public SimSetupAuditTrail FlowActivation { get; }

    /// <summary>The unique (API) name of the activated flow.</summary>
    public string FlowApiName { get; }

    public SimSetupAuditTrail ValidationRuleEdit { get; }

    public SimSetupAuditTrail AssignmentRuleChange { get; }

    /// <summary>The first stage change written by <see cref="Scenario.JumpingActorId"/>: where the stage-jump spike begins.</summary>
    public DateTimeOffset SpikeStartsAt { get; }
}
