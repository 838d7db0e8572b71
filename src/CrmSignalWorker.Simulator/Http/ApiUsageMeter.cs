namespace CrmSignalWorker.Simulator.Http;

/// <summary>
/// Counts REST calls against the daily allocation reported in <c>Sforce-Limit-Info</c>. Like Salesforce's, the
/// allocation is a rolling 24 hours on the org's clock: a call stops counting a day after it was made, which is
/// how an org that ran out gets its allocation back.
/// </summary>
internal sealed class ApiUsageMeter(SimulatedOrgOptions options, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(24);
    private readonly Lock _gate = new();

    // Usage configured at start counts as calls made at start, so it too rolls off a day later.
    private readonly Queue<DateTimeOffset> _calls = new(Enumerable.Repeat(time.GetUtcNow(), options.DailyApiRequestsUsed));

    public int Used
    {
        get
        {
            lock (_gate)
            {
                ForgetExpired();
                return _calls.Count;
            }
        }
    }

    public int Limit => options.DailyApiLimit;

    /// <returns>False once the allocation is used up; <paramref name="used"/> is the count including this call.</returns>
    public bool TryConsume(out int used)
    {
        lock (_gate)
        {
            ForgetExpired();
            if (_calls.Count >= Limit)
            {
                used = _calls.Count;
                return false;
            }

            _calls.Enqueue(time.GetUtcNow());
            used = _calls.Count;
            return true;
        }
    }

    public string Header(int used) => $"api-usage={used}/{Limit}";

    private void ForgetExpired()
    {
        var cutoff = time.GetUtcNow() - Window;
        while (_calls.TryPeek(out var oldest) && oldest <= cutoff)
        {
            _calls.Dequeue();
        }
    }
}
