namespace CrmSignalWorker.Simulator.Generation;

/// <summary>Replays a lead plan into LeadHistory rows; an owner change writes the id row and the name row.</summary>
internal sealed class LeadHistoryWriter(IReadOnlyDictionary<string, SimUser> usersById, HistoryDrafts drafts, DateTimeOffset end)
{
    public SimLead Write(string id, LeadPlan plan)
    {
        var status = LeadPlanner.OpenNotContacted;
        var owner = plan.CreatorId;
        var lastModified = plan.CreatedAt;

        drafts.AddField(HistoryObject.LeadHistory, id, "created", null, null, null, plan.CreatorId, plan.CreatedAt);
        foreach (var save in plan.Saves.Where(s => s.At < end).OrderBy(s => s.At))
        {
            var actor = save.ActorId ?? owner;
            if (save.NewOwnerId is { } newOwner && newOwner != owner)
            {
                drafts.AddField(HistoryObject.LeadHistory, id, "Owner", "EntityId", owner, newOwner, actor, save.At);
                drafts.AddField(HistoryObject.LeadHistory, id, "Owner", "Text", usersById[owner].Name, usersById[newOwner].Name, actor, save.At);
                owner = newOwner;
            }

            if (save.Status is { } newStatus && newStatus != status)
            {
                drafts.AddField(HistoryObject.LeadHistory, id, "Status", "Picklist", status, newStatus, actor, save.At);
                status = newStatus;
            }

            lastModified = save.At;
        }

        return new SimLead(
            id, plan.FirstName, plan.LastName, plan.Company, plan.Market, status, plan.LeadSource, owner, plan.CreatorId, plan.CreatedAt, lastModified, plan.IsDeleted);
    }
}
