using System.Globalization;

namespace CrmSignalWorker.Simulator.Generation;

/// <summary>
/// Turns the customer-side plans into records and history rows. Ids are handed out per object in creation order; history
/// row ids come after every opportunity and lead row, so those keep the ids they always had.
/// </summary>
internal sealed class CustomerBookWriter(IReadOnlyDictionary<string, SimUser> usersById, IdAllocator ids, DateTimeOffset end)
{
    public CustomerBook Write(IReadOnlyList<RecordPlan> plans)
    {
        if (plans.Count == 0)
        {
            return CustomerBook.Empty;
        }

        var drafts = new HistoryDrafts();
        var writer = new RecordHistoryWriter(usersById, drafts, end);
        var idOf = new Dictionary<RecordPlan, string>(ReferenceEqualityComparer.Instance);
        List<RecordPlan> Of(string kind) => [.. plans.Where(p => p.Object == kind).OrderBy(p => p.CreatedAt)];
        string Allocate(RecordPlan plan, string prefix) => idOf[plan] = ids.Next(prefix);

        var accounts = Of(CustomerBookPlanner.Account).Select(p =>
        {
            var id = Allocate(p, "001");
            var outcome = writer.Write(id, p);
            return new SimAccount(
                id, p.Attributes["Name"], p.Market, p.Attributes["Industry"], outcome.Values["Type"]!, outcome.OwnerId, p.CreatorId, p.CreatedAt,
                outcome.LastModified, p.IsDeleted);
        }).ToList();

        var contactPlans = Of(CustomerBookPlanner.Contact);
        var contacts = contactPlans.Select(p =>
        {
            var id = Allocate(p, "003");
            var outcome = writer.Write(id, p);
            return new SimContact(
                id, idOf[p.Account!], p.Attributes["FirstName"], p.Attributes["LastName"], p.Attributes["Email"], outcome.Values["Title"]!,
                outcome.OwnerId, p.CreatorId, p.CreatedAt, outcome.LastModified, p.IsDeleted);
        }).ToList();

        var caseNumber = 1000;
        var cases = Of(CustomerBookPlanner.Case).Select(p =>
        {
            var id = Allocate(p, "500");
            var outcome = writer.Write(id, p);
            var status = outcome.Values["Status"]!;
            var contact = contactPlans.LastOrDefault(c => c.Account == p.Account && c.CreatedAt < p.CreatedAt);
            return new SimCase(
                id, string.Create(CultureInfo.InvariantCulture, $"{++caseNumber:00000000}"), idOf[p.Account!], contact is null ? null : idOf[contact],
                p.Attributes["Subject"], status, outcome.Values["Priority"]!, p.Attributes["Origin"],
                p.Saves.Exists(s => s.At < end && s.Fields?.Any(f => f.Value == CustomerBookPlanner.CaseEscalated) == true),
                outcome.OwnerId, p.CreatorId, p.CreatedAt,
                status == CustomerBookPlanner.CaseClosed ? outcome.ChangedAt["Status"] : null, outcome.LastModified, p.IsDeleted);
        }).ToList();

        var registration = 0;
        var deals = Of(CustomerBookPlanner.DealRegistration).Select(p =>
        {
            var id = Allocate(p, "a1R");
            var outcome = writer.Write(id, p);
            return new SimDealRegistration(
                id, string.Create(CultureInfo.InvariantCulture, $"DR-{++registration:00000}"), idOf[p.Account!], p.Attributes["PartnerName"],
                outcome.Values["Status__c"]!, decimal.Parse(outcome.Values["Amount__c"]!, NumberStyles.Number, CultureInfo.InvariantCulture),
                DateOnly.FromDateTime(p.CreatedAt.UtcDateTime).AddDays(90), outcome.OwnerId, p.CreatorId, p.CreatedAt, outcome.LastModified,
                p.IsDeleted);
        }).ToList();

        var deleted = idOf.Where(e => e.Key.IsDeleted).Select(e => e.Value).ToHashSet(StringComparer.Ordinal);
        var rows = drafts.Fields
            .OrderBy(d => d.At).ThenBy(d => d.Sequence)
            .Select(d => (d.Object, Row: new SimFieldHistory(
                ids.Next("017"), d.ParentId, d.Field, d.DataType, d.OldValue, d.NewValue, d.ActorId, d.At, deleted.Contains(d.ParentId))))
            .ToList();
        IReadOnlyList<SimFieldHistory> History(HistoryObject historyObject) => [.. rows.Where(r => r.Object == historyObject).Select(r => r.Row)];

        return new CustomerBook(
            accounts,
            contacts,
            cases,
            deals,
            History(HistoryObject.AccountHistory),
            History(HistoryObject.ContactHistory),
            History(HistoryObject.CaseHistory),
            History(HistoryObject.DealRegistrationHistory));
    }
}
