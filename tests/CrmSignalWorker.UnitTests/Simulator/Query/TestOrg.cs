using CrmSignalWorker.Simulator.Data;

namespace CrmSignalWorker.UnitTests.Simulator.Query;

/// <summary>A hand-built database small enough to know every expected answer.</summary>
internal static class TestOrg
{
    public const string SalesProfileId = "00e000000000001AAA";
    public const string LicenseId = "100000000000001AAA";
    public const string RoleId = "00E000000000001AAA";
    public const string AliceId = "005000000000001AAA";
    public const string BobId = "005000000000002AAA";
    public const string AutoProcId = "005000000000003AAA";
    public const string OpportunityId = "006000000000001AAA";

    public static readonly DateTimeOffset T0 = new(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);

    public static OrgDatabase Create() => new(
    [
        new SObjectTable(OrgSchema.UserLicense, [Row(LicenseId, ("Name", "Salesforce"))]),
        new SObjectTable(OrgSchema.Profile, [Row(SalesProfileId, ("Name", "Sales User"), ("UserLicenseId", LicenseId))]),
        new SObjectTable(OrgSchema.UserRole, [Row(RoleId, ("Name", "Account Executive"), ("DeveloperName", "Account_Executive"))]),
        new SObjectTable(OrgSchema.User,
        [
            Row(AliceId, ("Name", "Alice Adams"), ("UserType", "Standard"), ("IsActive", true), ("ProfileId", SalesProfileId), ("UserRoleId", RoleId), ("Market__c", "EMEA"), ("CreatedDate", T0)),
            Row(BobId, ("Name", "bob brown"), ("UserType", "Standard"), ("IsActive", false), ("ProfileId", SalesProfileId), ("UserRoleId", null), ("Market__c", "NA"), ("CreatedDate", T0.AddDays(1))),
            Row(AutoProcId, ("Name", "Automated Process"), ("UserType", "AutomatedProcess"), ("IsActive", true), ("ProfileId", null), ("UserRoleId", null), ("Market__c", null), ("CreatedDate", T0.AddDays(2))),
        ]),
        new SObjectTable(OrgSchema.Opportunity, [Row(OpportunityId, ("Name", "Deal"), ("OwnerId", AliceId))]),
        new SObjectTable(OrgSchema.Lead, []),
        new SObjectTable(OrgSchema.LeadHistory, []),
        new SObjectTable(OrgSchema.OpportunityHistory, []),
        new SObjectTable(OrgSchema.OpportunityFieldHistory,
        [
            History("017000000000001AAA", "StageName", "Picklist", "Prospecting", "Qualification", AliceId, T0, isDeleted: false),
            History("017000000000002AAA", "Amount", "Currency", 1000m, 2500.5m, BobId, T0.AddHours(1), isDeleted: false),
            History("017000000000003AAA", "StageName", "Picklist", "Qualification", "Needs Analysis", AutoProcId, T0.AddHours(1), isDeleted: true),
            History("017000000000004AAA", "CloseDate", "Date", "2026-12-01", "2026-12-31", AliceId, T0.AddHours(2), isDeleted: false),
        ]),
    ]);

    private static SObjectRecord History(
        string id, string field, string dataType, object oldValue, object newValue, string actor, DateTimeOffset at, bool isDeleted)
    {
        var row = Row(
            id, ("OpportunityId", OpportunityId), ("Field", field), ("DataType", dataType), ("OldValue", oldValue), ("NewValue", newValue),
            ("CreatedById", actor), ("CreatedDate", at), ("IsDeleted", isDeleted));
        return row with { IsDeleted = isDeleted };
    }

    private static SObjectRecord Row(string id, params (string Field, object? Value)[] values)
    {
        var map = values.ToDictionary(v => v.Field, v => v.Value, StringComparer.Ordinal);
        map["Id"] = id;
        return new SObjectRecord(id, false, map);
    }
}
