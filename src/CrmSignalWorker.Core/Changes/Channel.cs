namespace CrmSignalWorker.Core.Changes;

/// <summary>The write path a change came through.</summary>
public enum Channel
{
    Unknown = 0,
    Ui = 1,

    /// <summary>REST, SOAP or another API by a client no configured integration names.</summary>
    Api = 2,

    /// <summary>Bulk API, or Data Loader over any API.</summary>
    BulkImport = 3,

    /// <summary>Flow, Apex, or the Automated Process user.</summary>
    Automation = 4,

    /// <summary>An API client the configuration names as an integration (<c>Attribution:Integrations</c>).</summary>
    Integration = 5,
}
