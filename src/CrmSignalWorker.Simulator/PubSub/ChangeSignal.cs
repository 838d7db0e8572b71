namespace CrmSignalWorker.Simulator.PubSub;

/// <summary>
/// A broadcast wake-up: waiters take <see cref="Next"/> before checking state, so a <see cref="Fire"/> between the check
/// and the wait is never lost.
/// </summary>
internal sealed class ChangeSignal
{
    private TaskCompletionSource _current = New();

    public Task Next => Volatile.Read(ref _current).Task;

    public void Fire() => Interlocked.Exchange(ref _current, New()).TrySetResult();

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
