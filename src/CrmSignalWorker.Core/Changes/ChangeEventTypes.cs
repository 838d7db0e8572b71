namespace CrmSignalWorker.Core.Changes;

/// <summary>The changeType values of a CDC event header.</summary>
public static class ChangeEventTypes
{
    public const string Create = "CREATE";
    public const string Update = "UPDATE";
    public const string Delete = "DELETE";
    public const string Undelete = "UNDELETE";

    /// <summary>Reserved by Salesforce.</summary>
    public const string Snapshot = "SNAPSHOT";

    /// <summary>A transaction made more than 100,000 changes; the rest of the entity must be resynced.</summary>
    public const string GapOverflow = "GAP_OVERFLOW";

    /// <summary>Prefix of the gap types (GAP_CREATE, GAP_UPDATE, ...): header only, the record must be re-read.</summary>
    public const string GapPrefix = "GAP_";
}
