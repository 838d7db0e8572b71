namespace CrmSignalWorker.Storage.Scoping;

/// <summary>
/// The database cannot give the API its scoped role: the worker's user may neither create it nor make itself a
/// member. The message says what a database administrator has to run.
/// </summary>
public sealed class MarketScopingUnavailableException : Exception
{
    public MarketScopingUnavailableException()
    {
    }

    public MarketScopingUnavailableException(string message)
        : base(message)
    {
    }

    public MarketScopingUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
