using System.Globalization;

namespace CrmSignalWorker.Simulator.Data;

/// <summary>Turns the scenario's typed rows into the generic rows the query engine reads.</summary>
internal static class OrgDatabaseBuilder
{
    public static OrgDatabase Build(Scenario scenario)
    {
        var setup = scenario.Setup;
        return new OrgDatabase(
        [
            Table(OrgSchema.User, scenario.Users, User),
            Table(OrgSchema.Profile, setup.Profiles, p => Row(p.Id, false, ("Name", p.Name), ("UserLicenseId", p.ParentId))),
            Table(OrgSchema.UserRole, setup.Roles, r => Row(r.Id, false, ("Name", r.Name), ("DeveloperName", DeveloperName(r.Name)))),
            Table(OrgSchema.UserLicense, setup.Licenses, l => Row(l.Id, false, ("Name", l.Name))),
            Table(OrgSchema.Opportunity, scenario.Opportunities, Opportunity),
            Table(OrgSchema.Lead, scenario.Leads, Lead),
            Table(OrgSchema.OpportunityFieldHistory, scenario.OpportunityFieldHistory, h => FieldHistory(h, "OpportunityId")),
            Table(OrgSchema.LeadHistory, scenario.LeadHistory, h => FieldHistory(h, "LeadId")),
            Table(OrgSchema.OpportunityHistory, scenario.OpportunityHistory, OpportunityHistory),
            Table(OrgSchema.SetupAuditTrail, scenario.SetupAudit.Rows, SetupAuditTrailRecords.Of),
            Table(OrgSchema.Account, scenario.Accounts, Account),
            Table(OrgSchema.Contact, scenario.Contacts, Contact),
            Table(OrgSchema.Case, scenario.Cases, Case),
            Table(OrgSchema.DealRegistration, scenario.DealRegistrations, DealRegistration),
            Table(OrgSchema.AccountHistory, scenario.AccountHistory, h => FieldHistory(h, "AccountId")),
            Table(OrgSchema.ContactHistory, scenario.ContactHistory, h => FieldHistory(h, "ContactId")),
            Table(OrgSchema.CaseHistory, scenario.CaseHistory, h => FieldHistory(h, "CaseId")),
            Table(OrgSchema.DealRegistrationHistory, scenario.DealRegistrationHistory, h => FieldHistory(h, "ParentId")),
        ]);
    }

    private static SObjectTable Table<T>(SObjectType type, IReadOnlyList<T> rows, Func<T, SObjectRecord> map) =>
        new(type, [.. rows.Select(map)]);

    private static SObjectRecord User(SimUser u)
    {
        var space = u.Name.IndexOf(' ', StringComparison.Ordinal);
        return Row(
            u.Id,
            false,
            ("Username", u.Username),
            ("FirstName", space < 0 ? null : u.Name[..space]),
            ("LastName", space < 0 ? u.Name : u.Name[(space + 1)..]),
            ("Name", u.Name),
            ("Email", u.Email),
            ("UserType", u.UserType),
            ("IsActive", u.IsActive),
            ("ProfileId", u.ProfileId),
            ("UserRoleId", u.UserRoleId),
            ("Market__c", u.Market),
            ("CreatedDate", u.CreatedDate),
            ("LastModifiedDate", u.CreatedDate),
            ("SystemModstamp", u.CreatedDate));
    }

    private static SObjectRecord Opportunity(SimOpportunity o) => Row(
        o.Id,
        o.IsDeleted,
        ("Name", o.Name),
        ("StageName", o.StageName),
        ("Amount", o.Amount),
        ("CloseDate", o.CloseDate),
        ("Probability", Probability(o.StageName)),
        ("IsClosed", o.StageName.StartsWith("Closed", StringComparison.Ordinal)),
        ("IsWon", o.StageName == "Closed Won"),
        ("OwnerId", o.OwnerId),
        ("Market__c", o.Market),
        ("IsDeleted", o.IsDeleted),
        ("CreatedById", o.CreatedById),
        ("CreatedDate", o.CreatedDate),
        ("LastModifiedDate", o.LastModifiedDate),
        ("SystemModstamp", o.LastModifiedDate));

    private static SObjectRecord Lead(SimLead l) => Row(
        l.Id,
        l.IsDeleted,
        ("FirstName", l.FirstName),
        ("LastName", l.LastName),
        ("Name", $"{l.FirstName} {l.LastName}"),
        ("Company", l.Company),
        ("Status", l.Status),
        ("LeadSource", l.LeadSource),
        ("OwnerId", l.OwnerId),
        ("Market__c", l.Market),
        ("IsConverted", l.Status == "Closed - Converted"),
        ("IsDeleted", l.IsDeleted),
        ("CreatedById", l.CreatedById),
        ("CreatedDate", l.CreatedDate),
        ("LastModifiedDate", l.LastModifiedDate),
        ("SystemModstamp", l.LastModifiedDate));

    private static SObjectRecord Account(SimAccount a) => Row(
        a.Id,
        a.IsDeleted,
        ("Name", a.Name),
        ("Type", a.Type),
        ("Industry", a.Industry),
        ("OwnerId", a.OwnerId),
        ("Market__c", a.Market),
        ("IsDeleted", a.IsDeleted),
        ("CreatedById", a.CreatedById),
        ("CreatedDate", a.CreatedDate),
        ("LastModifiedDate", a.LastModifiedDate),
        ("SystemModstamp", a.LastModifiedDate));

    private static SObjectRecord Contact(SimContact c) => Row(
        c.Id,
        c.IsDeleted,
        ("AccountId", c.AccountId),
        ("FirstName", c.FirstName),
        ("LastName", c.LastName),
        ("Name", $"{c.FirstName} {c.LastName}"),
        ("Email", c.Email),
        ("Title", c.Title),
        ("OwnerId", c.OwnerId),
        ("IsDeleted", c.IsDeleted),
        ("CreatedById", c.CreatedById),
        ("CreatedDate", c.CreatedDate),
        ("LastModifiedDate", c.LastModifiedDate),
        ("SystemModstamp", c.LastModifiedDate));

    private static SObjectRecord Case(SimCase c) => Row(
        c.Id,
        c.IsDeleted,
        ("CaseNumber", c.CaseNumber),
        ("AccountId", c.AccountId),
        ("ContactId", c.ContactId),
        ("Subject", c.Subject),
        ("Status", c.Status),
        ("Priority", c.Priority),
        ("Origin", c.Origin),
        ("IsEscalated", c.IsEscalated),
        ("IsClosed", c.ClosedDate is not null),
        ("ClosedDate", c.ClosedDate),
        ("OwnerId", c.OwnerId),
        ("IsDeleted", c.IsDeleted),
        ("CreatedById", c.CreatedById),
        ("CreatedDate", c.CreatedDate),
        ("LastModifiedDate", c.LastModifiedDate),
        ("SystemModstamp", c.LastModifiedDate));

    private static SObjectRecord DealRegistration(SimDealRegistration d) => Row(
        d.Id,
        d.IsDeleted,
        ("Name", d.Name),
        ("Account__c", d.AccountId),
        ("Partner_Name__c", d.PartnerName),
        ("Status__c", d.Status),
        ("Amount__c", d.Amount),
        ("Expiration_Date__c", d.ExpirationDate),
        ("OwnerId", d.OwnerId),
        ("IsDeleted", d.IsDeleted),
        ("CreatedById", d.CreatedById),
        ("CreatedDate", d.CreatedDate),
        ("LastModifiedDate", d.LastModifiedDate),
        ("SystemModstamp", d.LastModifiedDate));

    private static SObjectRecord FieldHistory(SimFieldHistory h, string parentKey) => Row(
        h.Id,
        h.IsDeleted,
        (parentKey, h.ParentId),
        ("Field", h.Field),
        ("DataType", h.DataType),
        ("OldValue", AnyValue(h.DataType, h.OldValue)),
        ("NewValue", AnyValue(h.DataType, h.NewValue)),
        ("CreatedById", h.CreatedById),
        ("CreatedDate", h.CreatedDate),
        ("IsDeleted", h.IsDeleted));

    private static SObjectRecord OpportunityHistory(SimOpportunityHistory h) => Row(
        h.Id,
        h.IsDeleted,
        ("OpportunityId", h.OpportunityId),
        ("StageName", h.StageName),
        ("Amount", h.Amount),
        ("ExpectedRevenue", h.ExpectedRevenue),
        ("CloseDate", h.CloseDate),
        ("Probability", h.Probability),
        ("ForecastCategory", h.ForecastCategory),
        ("PrevAmount", h.PrevAmount),
        ("PrevCloseDate", h.PrevCloseDate),
        ("CreatedById", h.CreatedById),
        ("CreatedDate", h.CreatedDate),
        ("SystemModstamp", h.CreatedDate),
        ("IsDeleted", h.IsDeleted));

    /// <summary>anyType values keep their native JSON type on the wire: currency history values are numbers, the rest strings.</summary>
    private static object? AnyValue(string? dataType, string? value) =>
        value is not null && dataType is "Currency" or "Double" or "Percent"
            ? decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture)
            : value;

    private static decimal? Probability(string stage) =>
        Generation.OpportunityStages.Probability(IndexOf(stage));

    private static int IndexOf(string stage)
    {
        for (var i = 0; i < Generation.OpportunityStages.Names.Count; i++)
        {
            if (Generation.OpportunityStages.Names[i] == stage)
            {
                return i;
            }
        }

        throw new ArgumentException($"Unknown stage '{stage}'.", nameof(stage));
    }

    private static string DeveloperName(string name) => name.Replace(' ', '_');

    private static SObjectRecord Row(string id, bool isDeleted, params (string Field, object? Value)[] values)
    {
        var map = new Dictionary<string, object?>(values.Length + 1, StringComparer.Ordinal) { ["Id"] = id };
        foreach (var (field, value) in values)
        {
            map[field] = value;
        }

        return new SObjectRecord(id, isDeleted, map);
    }
}
