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

    public static readonly SObjectType Account = new(
        "Account",
        [
            Id(), Text("Name"), Pick("Type"), Pick("Industry"), Ref("OwnerId"), Pick("Market__c"), Flag("IsDeleted"),
            Ref("CreatedById"), Stamp("CreatedDate"), Stamp("LastModifiedDate"), Stamp("SystemModstamp"),
        ],
        [Owner(), CreatedBy()]);

    public static readonly SObjectType Contact = new(
        "Contact",
        [
            Id(), Ref("AccountId"), Text("FirstName"), Text("LastName"), Text("Name"), Text("Email"), Text("Title"), Ref("OwnerId"),
            Flag("IsDeleted"), Ref("CreatedById"), Stamp("CreatedDate"), Stamp("LastModifiedDate"), Stamp("SystemModstamp"),
        ],
        [new("Account", "AccountId", "Account"), Owner(), CreatedBy()]);

    public static readonly SObjectType Case = new(
        "Case",
        [
            Id(), Text("CaseNumber"), Ref("AccountId"), Ref("ContactId"), Text("Subject"), Pick("Status"), Pick("Priority"), Pick("Origin"),
            Flag("IsEscalated"), Flag("IsClosed"), Stamp("ClosedDate"), Ref("OwnerId"), Flag("IsDeleted"),
            Ref("CreatedById"), Stamp("CreatedDate"), Stamp("LastModifiedDate"), Stamp("SystemModstamp"),
        ],
        [new("Account", "AccountId", "Account"), new("Contact", "ContactId", "Contact"), Owner(), CreatedBy()]);

    /// <summary>A custom object: custom fields end in <c>__c</c>, lookups resolve through <c>__r</c>.</summary>
    public static readonly SObjectType DealRegistration = new(
        "Deal_Registration__c",
        [
            Id(), Text("Name"), Ref("Account__c"), Text("Partner_Name__c"), Pick("Status__c"), Money("Amount__c"), Day("Expiration_Date__c"),
            Ref("OwnerId"), Flag("IsDeleted"), Ref("CreatedById"), Stamp("CreatedDate"), Stamp("LastModifiedDate"), Stamp("SystemModstamp"),
        ],
        [new("Account__r", "Account__c", "Account"), Owner(), CreatedBy()]);

    public static readonly SObjectType AccountHistory = FieldHistory("AccountHistory", "Account");

    public static readonly SObjectType ContactHistory = FieldHistory("ContactHistory", "Contact");

    public static readonly SObjectType CaseHistory = FieldHistory("CaseHistory", "Case");

    /// <summary>A custom object's history: the parent key is <c>ParentId</c> and the relationship <c>Parent</c>.</summary>
    public static readonly SObjectType DealRegistrationHistory = FieldHistory("Deal_Registration__History", "Deal_Registration__c", "ParentId", "Parent");

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
    private static SObjectType FieldHistory(string name, string parent, string? parentKey = null, string? relationship = null) => new(
        name,
        [
            Id(), Ref(parentKey ?? parent + "Id"), Pick("Field"), Pick("DataType"),
            new("OldValue", FieldType.AnyType, Filterable: false), new("NewValue", FieldType.AnyType, Filterable: false),
            Ref("CreatedById"), Stamp("CreatedDate"), Flag("IsDeleted"),
        ],
        [new(relationship ?? parent, parentKey ?? parent + "Id", parent), CreatedBy()]);

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
