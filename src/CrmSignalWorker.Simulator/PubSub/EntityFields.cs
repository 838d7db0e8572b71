namespace CrmSignalWorker.Simulator.PubSub;

/// <summary>
/// The record fields each change event carries, in Salesforce's style: the object's fields after ChangeEventHeader,
/// no Id, IsDeleted or SystemModstamp (facts sheet §2.3). Lead's Name is a compound field, so nested bitmaps occur.
/// </summary>
internal static class EntityFields
{
    public const string Opportunity = "Opportunity";
    public const string Lead = "Lead";

    public static readonly IReadOnlyList<string> Entities = [Opportunity, Lead];

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

        throw new ArgumentException($"The org has no change events for entity '{entity}'; use Opportunity or Lead.", nameof(entity));
    }

    public static IReadOnlyList<EventField> For(string entity) => Canonical(entity) == Opportunity ? OpportunityFields : LeadFields;
}
