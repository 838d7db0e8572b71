namespace CrmSignalWorker.Simulator.Data;

/// <summary>The objects the simulated org serves, with the fields and lookups a history poller and actor directory use.</summary>
internal static class OrgSchema
{
    public static readonly SObjectType User = new(
        "User",
        [
            Id(), Text("Username"), Text("FirstName"), Text("LastName"), Text("Name"), Text("Email"),
            Pick("UserType"), Flag("IsActive"), Ref("ProfileId"), Ref("UserRoleId"), Pick("Market__c"),
            Stamp("CreatedDate"), Stamp("LastModifiedDate"), Stamp("SystemModstamp"),
        ],
        [new("Profile", "ProfileId", "Profile"), new("UserRole", "UserRoleId", "UserRole")]);

    public static readonly SObjectType Profile = new(
        "Profile",
        [Id(), Text("Name"), Ref("UserLicenseId")],
        [new("UserLicense", "UserLicenseId", "UserLicense")]);

    public static readonly SObjectType UserRole = new("UserRole", [Id(), Text("Name"), Text("DeveloperName")], []);

    public static readonly SObjectType UserLicense = new("UserLicense", [Id(), Text("Name")], []);

    public static readonly SObjectType Opportunity = new(
        "Opportunity",
        [
            Id(), Text("Name"), Pick("StageName"), Money("Amount"), Day("CloseDate"), new("Probability", FieldType.Percent),
            Flag("IsClosed"), Flag("IsWon"), Ref("OwnerId"), Pick("Market__c"), Flag("IsDeleted"),
            Ref("CreatedById"), Stamp("CreatedDate"), Stamp("LastModifiedDate"), Stamp("SystemModstamp"),
        ],
        [Owner(), CreatedBy()]);

    public static readonly SObjectType Lead = new(
        "Lead",
        [
            Id(), Text("FirstName"), Text("LastName"), Text("Name"), Text("Company"), Pick("Status"), Pick("LeadSource"),
            Ref("OwnerId"), Pick("Market__c"), Flag("IsConverted"), Flag("IsDeleted"),
            Ref("CreatedById"), Stamp("CreatedDate"), Stamp("LastModifiedDate"), Stamp("SystemModstamp"),
        ],
        [Owner(), CreatedBy()]);

    public static readonly SObjectType OpportunityFieldHistory = FieldHistory("OpportunityFieldHistory", "Opportunity");

    public static readonly SObjectType LeadHistory = FieldHistory("LeadHistory", "Lead");

    public static readonly SObjectType OpportunityHistory = new(
        "OpportunityHistory",
        [
            Id(), Ref("OpportunityId"), Pick("StageName"), Money("Amount"), Money("ExpectedRevenue"), Day("CloseDate"),
            new("Probability", FieldType.Percent), Pick("ForecastCategory"), Money("PrevAmount"), Day("PrevCloseDate"),
            Ref("CreatedById"), Stamp("CreatedDate"), Stamp("SystemModstamp"), Flag("IsDeleted"),
        ],
        [new("Opportunity", "OpportunityId", "Opportunity"), CreatedBy()]);

    /// <summary>Changes made in Setup. Section and Display can be sorted on but not filtered, as Salesforce documents.</summary>
    public static readonly SObjectType SetupAuditTrail = new(
        "SetupAuditTrail",
        [
            Id(), Text("Action"), new("Section", FieldType.String, Filterable: false), Stamp("CreatedDate"), Ref("CreatedById"),
            new("Display", FieldType.String, Filterable: false), Text("DelegateUser"), Text("ResponsibleNamespacePrefix"),
        ],
        [CreatedBy()]);

    /// <summary>OldValue and NewValue are anyType: sortable but not filterable, as Salesforce documents.</summary>
    private static SObjectType FieldHistory(string name, string parent) => new(
        name,
        [
            Id(), Ref(parent + "Id"), Pick("Field"), Pick("DataType"),
            new("OldValue", FieldType.AnyType, Filterable: false), new("NewValue", FieldType.AnyType, Filterable: false),
            Ref("CreatedById"), Stamp("CreatedDate"), Flag("IsDeleted"),
        ],
        [new(parent, parent + "Id", parent), CreatedBy()]);

    private static SObjectField Id() => new("Id", FieldType.Id);

    private static SObjectField Ref(string name) => new(name, FieldType.Reference);

    private static SObjectField Text(string name) => new(name, FieldType.String);

    private static SObjectField Pick(string name) => new(name, FieldType.Picklist);

    private static SObjectField Flag(string name) => new(name, FieldType.Boolean);

    private static SObjectField Stamp(string name) => new(name, FieldType.DateTime);

    private static SObjectField Day(string name) => new(name, FieldType.Date);

    private static SObjectField Money(string name) => new(name, FieldType.Currency);

    private static SObjectRelationship Owner() => new("Owner", "OwnerId", "User");

    private static SObjectRelationship CreatedBy() => new("CreatedBy", "CreatedById", "User");
}
