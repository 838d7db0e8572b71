namespace CrmSignalWorker.Simulator.Generation;

/// <summary>
/// Replays a <see cref="RecordPlan"/> into field-history drafts as Salesforce writes them: the <c>created</c> row, two rows
/// per owner change (ids with DataType EntityId, and names), and one row per tracked field whose value changed.
/// </summary>
internal sealed class RecordHistoryWriter(IReadOnlyDictionary<string, SimUser> usersById, HistoryDrafts drafts, DateTimeOffset end)
{
    public RecordOutcome Write(string id, RecordPlan plan)
    {
        var history = HistoryObjectOf(plan.Object);
        var owner = plan.OwnerId;
        var values = new Dictionary<string, string?>(plan.Tracked, StringComparer.Ordinal);
        var changedAt = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var lastModified = plan.CreatedAt;

        drafts.AddField(history, id, "created", null, null, null, plan.CreatorId, plan.CreatedAt);
        foreach (var save in plan.Saves.Where(s => s.At < end).OrderBy(s => s.At))
        {
            var actor = save.ActorId ?? owner;
            if (save.NewOwnerId is { } newOwner && newOwner != owner)
            {
                drafts.AddField(history, id, "Owner", "EntityId", owner, newOwner, actor, save.At);
                drafts.AddField(history, id, "Owner", "Text", usersById[owner].Name, usersById[newOwner].Name, actor, save.At);
                owner = newOwner;
            }

            foreach (var set in save.Fields ?? [])
            {
                var old = values.GetValueOrDefault(set.Field);
                if (old != set.Value)
                {
                    drafts.AddField(history, id, set.Field, set.DataType, old, set.Value, actor, save.At);
                    values[set.Field] = set.Value;
                    changedAt[set.Field] = save.At;
                }
            }

            lastModified = save.At;
        }

        return new RecordOutcome(owner, values, changedAt, lastModified);
    }

    private static HistoryObject HistoryObjectOf(string objectName) => objectName switch
    {
        CustomerBookPlanner.Account => HistoryObject.AccountHistory,
        CustomerBookPlanner.Contact => HistoryObject.ContactHistory,
        CustomerBookPlanner.Case => HistoryObject.CaseHistory,
        CustomerBookPlanner.DealRegistration => HistoryObject.DealRegistrationHistory,
        _ => throw new ArgumentException($"No history object for '{objectName}'.", nameof(objectName)),
    };
}
