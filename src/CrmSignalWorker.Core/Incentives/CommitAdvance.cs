using CrmSignalWorker.Core.Milestones;

namespace CrmSignalWorker.Core.Incentives;

/// <summary>What one pass of <see cref="CommitTracker"/> produced: events, records still in commit (to store) and records that left (to remove).</summary>
public sealed record CommitAdvance(IReadOnlyList<MilestoneEvent> Events, IReadOnlyList<CommitState> InCommit, IReadOnlyList<CommitState> Left);
