namespace CrmSignalWorker.Simulator.Http;

/// <summary>Counts REST calls against the daily allocation reported in <c>Sforce-Limit-Info</c>.</summary>
internal sealed class ApiUsageMeter(SimulatedOrgOptions options)
{
    private int _used = options.DailyApiRequestsUsed;

    public int Used => Volatile.Read(ref _used);

    public int Limit => options.DailyApiLimit;

    /// <returns>False once the allocation is used up; <paramref name="used"/> is the count including this call.</returns>
    public bool TryConsume(out int used)
    {
        while (true)
        {
            var current = Used;
            if (current >= Limit)
            {
                used = current;
                return false;
            }

            if (Interlocked.CompareExchange(ref _used, current + 1, current) == current)
            {
                used = current + 1;
                return true;
            }
        }
    }

    public string Header(int used) => $"api-usage={used}/{Limit}";
}
