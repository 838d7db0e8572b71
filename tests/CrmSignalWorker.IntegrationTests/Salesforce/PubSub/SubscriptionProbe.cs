using System.Threading.Channels;
using CrmSignalWorker.Salesforce.PubSub;
using ChangeEvent = CrmSignalWorker.Core.Changes.ChangeEvent;

namespace CrmSignalWorker.IntegrationTests.SalesforcePubSub;

/// <summary>
/// Drives a subscription in the background, as the worker's loop would, and hands the events to the test one by one.
/// Disposing cancels the subscription.
/// </summary>
internal sealed class SubscriptionProbe : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<ChangeEvent> _events = Channel.CreateUnbounded<ChangeEvent>();
    private readonly Task _pump;

    public SubscriptionProbe(PubSubSubscriber subscriber, string topic, ReplayStart start)
    {
        Subscriber = subscriber;
        _pump = Task.Run(async () =>
        {
            try
            {
                await foreach (var changeEvent in subscriber.SubscribeAsync(topic, start, _stop.Token))
                {
                    await _events.Writer.WriteAsync(changeEvent);
                }

                _events.Writer.Complete();
            }
            catch (Exception ex)
            {
                _events.Writer.Complete(ex);
                throw;
            }
        });
    }

    public PubSubSubscriber Subscriber { get; }

    /// <summary>The next event; fails the test if none comes in time, and rethrows what ended the subscription.</summary>
    public async Task<ChangeEvent> NextAsync(TimeSpan? timeout = null)
    {
        using var wait = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        try
        {
            return await _events.Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException) when (wait.IsCancellationRequested)
        {
            throw new TimeoutException($"No change event arrived within {timeout ?? TimeSpan.FromSeconds(20)}.");
        }
    }

    public async Task<List<ChangeEvent>> TakeAsync(int count, TimeSpan? timeout = null)
    {
        var events = new List<ChangeEvent>(count);
        for (var i = 0; i < count; i++)
        {
            events.Add(await NextAsync(timeout));
        }

        return events;
    }

    /// <summary>True when no further event arrives within <paramref name="quiet"/>.</summary>
    public async Task<bool> StaysQuietAsync(TimeSpan quiet)
    {
        using var wait = new CancellationTokenSource(quiet);
        try
        {
            await _events.Reader.WaitToReadAsync(wait.Token);
            return false;
        }
        catch (OperationCanceledException) when (wait.IsCancellationRequested)
        {
            return true;
        }
    }

    /// <summary>What ended the subscription (it must end on its own, without cancellation).</summary>
    public async Task<Exception> FailureAsync(TimeSpan? timeout = null)
    {
        var ended = await Task.WhenAny(_pump, Task.Delay(timeout ?? TimeSpan.FromSeconds(20)));
        Assert.True(ended == _pump, "The subscription did not end.");
        return Assert.IsAssignableFrom<Exception>(_pump.Exception?.InnerException);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _pump;
        }
        catch (Exception ex) when (ex is OperationCanceledException or PubSubException or ChangeEventDecodingException)
        {
            // The test asserted on (or did not care about) how the subscription ended.
        }

        _stop.Dispose();
    }
}
