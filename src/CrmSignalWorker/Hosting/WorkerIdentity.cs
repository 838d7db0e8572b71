using System.Globalization;

namespace CrmSignalWorker.Hosting;

/// <summary>
/// Names this process as a lease holder: the pod (host) name, for people reading the lease table, plus a random
/// suffix, because a restarted pod keeps its name and must not inherit its predecessor's leases unrenewed.
/// </summary>
public sealed class WorkerIdentity
{
    public WorkerIdentity()
        : this(Environment.MachineName)
    {
    }

    public WorkerIdentity(string hostName) =>
        Holder = string.Create(CultureInfo.InvariantCulture, $"{hostName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}");

    public string Holder { get; }
}
