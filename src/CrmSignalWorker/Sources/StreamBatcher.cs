using System.Threading.Channels;

namespace CrmSignalWorker.Sources;

/// <summary>
/// Joins a change stream's normalized parts into the batches one transaction commits, by <see cref="CommitBatchPolicy"/>.
/// It runs beside the receiver and the committer, so while one batch is written the next fills up, and the stream keeps
/// flowing: the bounded channels on either side are what holds the receiver back when the database falls behind.
/// </summary>
public sealed class StreamBatcher(CommitBatchPolicy policy, TimeProvider timeProvider)
{
    /// <summary>
    /// Reads <paramref name="parts"/> until the receiver completes it, hands each batch to <paramref name="batches"/>
    /// when it is full or due, hands over what is left at the end, then completes <paramref name="batches"/>.
    /// </summary>
    /// <param name="abort">Set when the committer failed: nothing more will be committed, so what is pending is dropped.</param>
    public async Task RunAsync(ChannelReader<NormalizedEvents> parts, ChannelWriter<NormalizedEvents> batches, CancellationToken abort)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(batches);
        var pending = new List<NormalizedEvents>();
        var events = 0;
        try
        {
            while (true)
            {
                if (events > 0 && !parts.TryPeek(out _) && !await WaitForPartAsync(parts, policy.DueAt(pending[0].ReadyAt), abort))
                {
                    await HandOverAsync();
                    continue;
                }

                if (!await parts.WaitToReadAsync(abort))
                {
                    break;
                }

                while (parts.TryRead(out var part))
                {
                    if (policy.MustCommitBefore(events, part.Events))
                    {
                        await HandOverAsync();
                    }

                    pending.Add(part);
                    events += part.Events;
                    if (policy.IsFull(events))
                    {
                        await HandOverAsync();
                    }
                }
            }

            if (events > 0)
            {
                await HandOverAsync();
            }
        }
        finally
        {
            batches.TryComplete();
        }

        async Task HandOverAsync()
        {
            await batches.WriteAsync(NormalizedEvents.Merge(pending), abort);
            pending = [];
            events = 0;
        }
    }

    /// <returns>True when a part arrived (or the receiver finished) before <paramref name="due"/>; false when the batch is due.</returns>
    private async Task<bool> WaitForPartAsync(ChannelReader<NormalizedEvents> parts, DateTimeOffset due, CancellationToken abort)
    {
        var wait = due - timeProvider.GetUtcNow();
        if (wait <= TimeSpan.Zero)
        {
            return false;
        }

        using var linger = new CancellationTokenSource(wait, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(abort, linger.Token);
        try
        {
            await parts.WaitToReadAsync(linked.Token);
            return true;
        }
        catch (OperationCanceledException) when (linger.IsCancellationRequested && !abort.IsCancellationRequested)
        {
            return false;
        }
    }
}
