namespace CrmSignalWorker.Core.Changes;

/// <summary>The write path a change came through.</summary>
public enum Channel
{
    Unknown = 0,
    Ui = 1,
    Api = 2,
    BulkImport = 3,
    Automation = 4,
}
