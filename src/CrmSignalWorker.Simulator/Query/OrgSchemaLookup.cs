using CrmSignalWorker.Simulator.Data;

namespace CrmSignalWorker.Simulator.Query;

/// <summary>Resolves object names to the schema, case-insensitively as SOQL does.</summary>
internal static class OrgSchemaLookup
{
    private static readonly Dictionary<string, SObjectType> s_types = new SObjectType[]
    {
        OrgSchema.User, OrgSchema.Profile, OrgSchema.UserRole, OrgSchema.UserLicense, OrgSchema.Opportunity, OrgSchema.Lead,
        OrgSchema.OpportunityFieldHistory, OrgSchema.LeadHistory, OrgSchema.OpportunityHistory,
        OrgSchema.Account, OrgSchema.Contact, OrgSchema.Case, OrgSchema.DealRegistration,
        OrgSchema.AccountHistory, OrgSchema.ContactHistory, OrgSchema.CaseHistory, OrgSchema.DealRegistrationHistory,
    }.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);

    public static SObjectType? Find(string name) => s_types.GetValueOrDefault(name);

    public static SObjectType TypeOf(SObjectRelationship relationship) => s_types[relationship.TargetType];
}
