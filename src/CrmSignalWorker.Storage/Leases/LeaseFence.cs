namespace CrmSignalWorker.Storage.Leases;

/// <summary>
/// Proof that a write is made by the lease's holder: checked inside the write's transaction, so a replica that lost
/// its lease (a long pause, a network split) cannot commit after another has taken over.
/// </summary>
public sealed record LeaseFence(string Name, string Holder);

/// <summary>The write's transaction found the lease held by someone else, or expired; nothing was committed.</summary>
public sealed class LeaseLostException : Exception
{
    public LeaseLostException(string name, string holder)
        : base($"Lease '{name}' is no longer held by {holder}; the write was rolled back.")
    {
        Name = name;
        Holder = holder;
    }

    public LeaseLostException()
        : this("", "")
    {
    }

    public LeaseLostException(string message)
        : base(message)
    {
        Name = Holder = "";
    }

    public LeaseLostException(string message, Exception innerException)
        : base(message, innerException)
    {
        Name = Holder = "";
    }

    public string Name { get; }

    public string Holder { get; }
}
