namespace CrmSignalWorker.Simulator.PubSub;

/// <summary>
/// The record fields each change event carries, in Salesforce's style: the object's fields after ChangeEventHeader,
/// no Id, IsDeleted or SystemModstamp (facts sheet §2.3). Lead's and Contact's Name is a compound field, so nested
/// bitmaps occur.
/// </summary>
internal static class EntityFields
{
    public const string Opportunity = "Opportunity";
    public const string Lead = "Lead";
    public const string Account = "Account";
    public const string Contact = "Contact";
    public const string Case = "Case";
    public const string DealRegistration = "Deal_Registration__c";

    public static readonly IReadOnlyList<string> Entities = [Opportunity, Lead, Account, Contact, Case, DealRegistration];

    public static readonly IReadOnlyList<EventField> OpportunityFields =
    [
        new("Name", FieldKind.String),
        new("StageName", FieldKind.String),
        new("Amount", FieldKind.Double),
        new("Probability", FieldKind.Double),
        new("CloseDate", FieldKind.Date),
        new("IsClosed", FieldKind.Boolean),
        new("IsWon", FieldKind.Boolean),
        new("ForecastCategory", FieldKind.String),
        new("OwnerId", FieldKind.String),
        new("CreatedDate", FieldKind.DateTime),
        new("CreatedById", FieldKind.String),
        new("LastModifiedDate", FieldKind.DateTime),
        new("LastModifiedById", FieldKind.String),
        new("Market__c", FieldKind.String),
    ];

    public static readonly IReadOnlyList<EventField> LeadFields =
    [
        EventField.Compound("Name", "PersonName", "Salutation", "FirstName", "LastName"),
        new("Company", FieldKind.String),
        new("Status", FieldKind.String),
        new("LeadSource", FieldKind.String),
        new("OwnerId", FieldKind.String),
        new("IsConverted", FieldKind.Boolean),
        new("CreatedDate", FieldKind.DateTime),
        new("CreatedById", FieldKind.String),
        new("LastModifiedDate", FieldKind.DateTime),
        new("LastModifiedById", FieldKind.String),
        new("Market__c", FieldKind.String),
    ];

    public static readonly IReadOnlyList<EventField> AccountFields =
    [
        new("Name", FieldKind.String),
        new("Type", FieldKind.String),
        new("Industry", FieldKind.String),
        new("OwnerId", FieldKind.String),
        new("CreatedDate", FieldKind.DateTime),
        new("CreatedById", FieldKind.String),
        new("LastModifiedDate", FieldKind.DateTime),
        new("LastModifiedById", FieldKind.String),
        new("Market__c", FieldKind.String),
    ];

    public static readonly IReadOnlyList<EventField> ContactFields =
    [
        new("AccountId", FieldKind.String),
        EventField.Compound("Name", "PersonName", "Salutation", "FirstName", "LastName"),
        new("Email", FieldKind.String),
        new("Title", FieldKind.String),
        new("OwnerId", FieldKind.String),
        new("CreatedDate", FieldKind.DateTime),
        new("CreatedById", FieldKind.String),
        new("LastModifiedDate", FieldKind.DateTime),
        new("LastModifiedById", FieldKind.String),
    ];

    public static readonly IReadOnlyList<EventField> CaseFields =
    [
        new("CaseNumber", FieldKind.String),
        new("ContactId", FieldKind.String),
        new("AccountId", FieldKind.String),
        new("Subject", FieldKind.String),
        new("Status", FieldKind.String),
        new("Priority", FieldKind.String),
        new("Origin", FieldKind.String),
        new("IsEscalated", FieldKind.Boolean),
        new("IsClosed", FieldKind.Boolean),
        new("ClosedDate", FieldKind.DateTime),
        new("OwnerId", FieldKind.String),
        new("CreatedDate", FieldKind.DateTime),
        new("CreatedById", FieldKind.String),
        new("LastModifiedDate", FieldKind.DateTime),
        new("LastModifiedById", FieldKind.String),
    ];

    /// <summary>A custom object's event: standard fields first, then the custom fields.</summary>
    public static readonly IReadOnlyList<EventField> DealRegistrationFields =
    [
        new("Name", FieldKind.String),
        new("OwnerId", FieldKind.String),
        new("CreatedDate", FieldKind.DateTime),
        new("CreatedById", FieldKind.String),
        new("LastModifiedDate", FieldKind.DateTime),
        new("LastModifiedById", FieldKind.String),
        new("Account__c", FieldKind.String),
        new("Partner_Name__c", FieldKind.String),
        new("Status__c", FieldKind.String),
        new("Amount__c", FieldKind.Double),
        new("Expiration_Date__c", FieldKind.Date),
    ];

    /// <summary>The canonical entity name for <paramref name="entity"/> in any case.</summary>
    public static string Canonical(string entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        foreach (var known in Entities)
        {
            if (string.Equals(known, entity, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        throw new ArgumentException(
            $"The org has no change events for entity '{entity}'; use one of {string.Join(", ", Entities)}.", nameof(entity));
    }

    public static IReadOnlyList<EventField> For(string entity) => Canonical(entity) switch
    {
        Opportunity => OpportunityFields,
        Lead => LeadFields,
        Account => AccountFields,
        Contact => ContactFields,
        Case => CaseFields,
        _ => DealRegistrationFields,
    };

    /// <summary>The change event's record name: <c>AccountChangeEvent</c>, and <c>Deal_Registration__ChangeEvent</c> for a custom object.</summary>
    public static string EventName(string entity) =>
        entity.EndsWith("__c", StringComparison.Ordinal) ? entity[..^1] + "ChangeEvent" : entity + "ChangeEvent";
}
