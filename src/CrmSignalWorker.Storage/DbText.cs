using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Core.Sla;
using CrmSignalWorker.Core.Workflow;

namespace CrmSignalWorker.Storage;

/// <summary>Enum values as stored: lower-case words, so SQL written by hand reads naturally.</summary>
internal static class DbText
{
    public static string Of(ActorKind kind) => kind switch
    {
        ActorKind.Human => "human",
        ActorKind.Integration => "integration",
        ActorKind.Automation => "automation",
        ActorKind.System => "system",
        _ => "unknown",
    };

    public static ActorKind ActorKindOf(string text) => text switch
    {
        "human" => ActorKind.Human,
        "integration" => ActorKind.Integration,
        "automation" => ActorKind.Automation,
        "system" => ActorKind.System,
        _ => ActorKind.Unknown,
    };

    public static string Of(Channel channel) => channel switch
    {
        Channel.Ui => "ui",
        Channel.Api => "api",
        Channel.BulkImport => "bulk_import",
        Channel.Automation => "automation",
        Channel.Integration => "integration",
        _ => "unknown",
    };

    public static string? Of(AttributionConfidence? confidence) => confidence switch
    {
        AttributionConfidence.Certain => "certain",
        AttributionConfidence.Inferred => "inferred",
        _ => null,
    };

    public static string? Of(StageDirection? direction) => direction switch
    {
        StageDirection.Forward => "forward",
        StageDirection.Skip => "skip",
        StageDirection.Backward => "backward",
        StageDirection.Closed => "closed",
        StageDirection.Reopened => "reopened",
        StageDirection.Unknown => "unknown",
        _ => null,
    };

    public static string? Of(HandoffKind? kind) => kind switch
    {
        HandoffKind.UserToUser => "user_to_user",
        HandoffKind.UserToQueue => "user_to_queue",
        HandoffKind.QueueToUser => "queue_to_user",
        HandoffKind.QueueToQueue => "queue_to_queue",
        HandoffKind.Unknown => "unknown",
        _ => null,
    };

    public static string Of(ChangeSource source) => source == ChangeSource.Cdc ? "cdc" : "history";

    public static string Of(WorkflowEventType type) => type switch
    {
        WorkflowEventType.StageChange => "stage_change",
        WorkflowEventType.Handoff => "handoff",
        WorkflowEventType.Notification => "notification",
        WorkflowEventType.SlaBreach => "sla_breach",
        WorkflowEventType.RecordCreated => "record_created",
        WorkflowEventType.SlaStarted => "sla_started",
        WorkflowEventType.SlaPaused => "sla_paused",
        WorkflowEventType.SlaResumed => "sla_resumed",
        WorkflowEventType.SlaStopped => "sla_stopped",
        WorkflowEventType.EnteredCommit => "entered_commit",
        WorkflowEventType.PeriodFinalDays => "period_final_days",
        WorkflowEventType.RecordMerged => "record_merged",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unmapped workflow event type"),
    };

    public static Channel ChannelOf(string text) => text switch
    {
        "ui" => Channel.Ui,
        "api" => Channel.Api,
        "bulk_import" => Channel.BulkImport,
        "automation" => Channel.Automation,
        _ => Channel.Unknown,
    };

    public static string Of(SlaClockState state) => state switch
    {
        SlaClockState.Paused => "paused",
        SlaClockState.Stopped => "stopped",
        SlaClockState.Breached => "breached",
        _ => "running",
    };
}
