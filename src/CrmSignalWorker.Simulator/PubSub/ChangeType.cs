namespace CrmSignalWorker.Simulator.PubSub;

/// <summary>
/// The <c>changeType</c> of a change event header. The member order is the Avro enum symbol order the org publishes
/// through GetSchema: CREATE=0, UPDATE=1, DELETE, UNDELETE, GAP_CREATE, GAP_UPDATE, GAP_DELETE, GAP_UNDELETE, GAP_OVERFLOW, SNAPSHOT=9.
/// </summary>
public enum ChangeType
{
    Create,
    Update,
    Delete,
    Undelete,
    GapCreate,
    GapUpdate,
    GapDelete,
    GapUndelete,
    GapOverflow,
    Snapshot,
}
