namespace CrmSignalWorker.Core.Changes;

public enum ChangeSource
{
    History = 0,
    Cdc = 1,
}
