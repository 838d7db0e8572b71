namespace CrmSignalWorker.Core.Workflow;

/// <param name="StagesSkipped">Open stages passed over by a <see cref="StageDirection.Skip"/>; null for every other direction.</param>
public sealed record StageMovement(StageDirection Direction, int? StagesSkipped)
{
    public static StageMovement Unknown { get; } = new(StageDirection.Unknown, null);
}
