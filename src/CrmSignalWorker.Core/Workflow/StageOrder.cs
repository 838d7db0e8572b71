namespace CrmSignalWorker.Core.Workflow;

/// <summary>
/// An object's stages as the sales process runs them: the open stages in order, and the closed ones, which end the process
/// and have no order among themselves (Closed Won and Closed Lost are alternatives, not steps).
/// </summary>
public sealed class StageOrder
{
    private readonly Dictionary<string, int> _openIndex;
    private readonly HashSet<string> _closed;

    public StageOrder(IEnumerable<string> open, IEnumerable<string> closed)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(closed);
        _openIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var stage in open)
        {
            _openIndex.TryAdd(stage, _openIndex.Count);
        }

        _closed = new HashSet<string>(closed, StringComparer.Ordinal);
    }

    /// <summary>Where a stage change went: forward, skip of N, backward, closed, reopened, or unknown when a stage is not listed.</summary>
    public StageMovement Classify(string? before, string? after)
    {
        if (before is null || after is null || before == after)
        {
            return StageMovement.Unknown;
        }

        var beforeClosed = _closed.Contains(before);
        var afterClosed = _closed.Contains(after);
        var beforeOpen = _openIndex.TryGetValue(before, out var from);
        var afterOpen = _openIndex.TryGetValue(after, out var to);
        if ((!beforeClosed && !beforeOpen) || (!afterClosed && !afterOpen))
        {
            return StageMovement.Unknown;
        }

        if (afterClosed)
        {
            return new StageMovement(StageDirection.Closed, null);
        }

        if (beforeClosed)
        {
            return new StageMovement(StageDirection.Reopened, null);
        }

        var steps = to - from;
        return steps switch
        {
            1 => new StageMovement(StageDirection.Forward, null),
            > 1 => new StageMovement(StageDirection.Skip, steps - 1),
            _ => new StageMovement(StageDirection.Backward, null),
        };
    }
}
