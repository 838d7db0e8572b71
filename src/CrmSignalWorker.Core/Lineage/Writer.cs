namespace CrmSignalWorker.Core.Lineage;

/// <summary>
/// Who wrote, as far as the store knows: the actor kind and team stamped at ingest, the integration client the write
/// named, and the automation a <c>Workflow_Event__e</c> of the same transaction named. A null part is not known; it
/// is reported as <see cref="LineageText.Unknown"/>, never filled in from other rows.
/// </summary>
/// <param name="ActorKind">As stored: human, integration, automation, system or unknown.</param>
public sealed record Writer(string ActorKind, string? Team, string? ClientName, string? AutomationId);
