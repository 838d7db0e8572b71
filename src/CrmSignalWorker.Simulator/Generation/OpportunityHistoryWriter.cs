using System.Globalization;

namespace CrmSignalWorker.Simulator.Generation;

/// <summary>
/// Replays a plan's saves in time order and writes what Salesforce would: one field-history row per changed field
/// (two for a lookup: ids and names), and an OpportunityHistory snapshot when stage, amount or close date changed.
/// </summary>
internal sealed class OpportunityHistoryWriter(IReadOnlyDictionary<string, SimUser> usersById, HistoryDrafts drafts, DateTimeOffset end)
{
    public SimOpportunity Write(string id, OpportunityPlan plan)
    {
        var stage = plan.InitialStage;
        var amount = plan.Amount;
        var closeDate = plan.CloseDate;
        var owner = plan.CreatorId;
        var lastModified = plan.CreatedAt;

        drafts.AddField(HistoryObject.OpportunityFieldHistory, id, "created", null, null, null, plan.CreatorId, plan.CreatedAt);
        drafts.AddSnapshot(Snapshot(id, stage, amount, closeDate, null, null, plan.CreatorId, plan.CreatedAt));

        foreach (var save in plan.Saves.Where(s => s.At < end).OrderBy(s => s.At))
        {
            var actor = save.ActorId ?? owner;
            var (previousAmount, previousCloseDate) = (amount, closeDate);
            var tracked = false;

            if (save.NewOwnerId is { } newOwner && newOwner != owner)
            {
                drafts.AddField(HistoryObject.OpportunityFieldHistory, id, "Owner", "EntityId", owner, newOwner, actor, save.At);
                drafts.AddField(HistoryObject.OpportunityFieldHistory, id, "Owner", "Text", usersById[owner].Name, usersById[newOwner].Name, actor, save.At);
                owner = newOwner;
            }

            if (save.Stage is { } newStage && newStage != stage)
            {
                drafts.AddField(
                    HistoryObject.OpportunityFieldHistory, id, "StageName", "Picklist",
                    OpportunityStages.Names[stage], OpportunityStages.Names[newStage], actor, save.At);
                stage = newStage;
                tracked = true;
            }

            if (save.Amount is { } newAmount && newAmount != amount)
            {
                drafts.AddField(HistoryObject.OpportunityFieldHistory, id, "Amount", "Currency", Money(amount), Money(newAmount), actor, save.At);
                amount = newAmount;
                tracked = true;
            }

            if (save.CloseDate is { } newCloseDate && newCloseDate != closeDate)
            {
                drafts.AddField(HistoryObject.OpportunityFieldHistory, id, "CloseDate", "Date", Day(closeDate), Day(newCloseDate), actor, save.At);
                closeDate = newCloseDate;
                tracked = true;
            }

            if (tracked)
            {
                drafts.AddSnapshot(Snapshot(id, stage, amount, closeDate, previousAmount, previousCloseDate, actor, save.At));
            }

            lastModified = save.At;
        }

        return new SimOpportunity(
            id, plan.Name, plan.Market, OpportunityStages.Names[stage], amount, closeDate, owner, plan.CreatorId, plan.CreatedAt, lastModified, plan.IsDeleted);
    }

    private static SnapshotDraft Snapshot(
        string id, int stage, decimal amount, DateOnly closeDate, decimal? prevAmount, DateOnly? prevCloseDate, string actor, DateTimeOffset at) =>
        new(0, id, OpportunityStages.Names[stage], amount, closeDate, OpportunityStages.Probability(stage),
            OpportunityStages.ForecastCategory(stage), prevAmount, prevCloseDate, actor, at);

    private static string Money(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Day(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
