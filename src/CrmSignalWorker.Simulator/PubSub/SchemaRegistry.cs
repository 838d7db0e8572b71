using System.Globalization;

namespace CrmSignalWorker.Simulator.PubSub;

/// <summary>Every schema version the org has served, by id, and the current one per entity. Thread-safe.</summary>
internal sealed class SchemaRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, EntitySchema> _current = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EntitySchema> _byId = new(StringComparer.Ordinal);

    public SchemaRegistry()
    {
        foreach (var entity in EntityFields.Entities)
        {
            Register(new EntitySchema(entity, EntityFields.For(entity)));
        }
    }

    /// <summary>The <c>Workflow_Event__e</c> platform event's schema (one version: its metadata never changes here).</summary>
    public WorkflowEventSchema WorkflowEvent { get; } = new();

    /// <summary>The schema id events on a topic of <paramref name="entity"/> carry now, change event or platform event.</summary>
    public string CurrentSchemaId(string entity) =>
        string.Equals(entity, WorkflowEventSchema.EventName, StringComparison.OrdinalIgnoreCase) ? WorkflowEvent.SchemaId : Current(entity).SchemaId;

    /// <summary>The JSON of any schema version the org has served, change event or platform event.</summary>
    public bool TryGetJson(string schemaId, out string json)
    {
        if (schemaId == WorkflowEvent.SchemaId)
        {
            json = WorkflowEvent.Json;
            return true;
        }

        var found = TryGet(schemaId, out var schema);
        json = found ? schema.Json : "";
        return found;
    }

    public EntitySchema Current(string entity)
    {
        var canonical = EntityFields.Canonical(entity);
        lock (_gate)
        {
            return _current[canonical];
        }
    }

    public bool TryGet(string schemaId, out EntitySchema schema)
    {
        lock (_gate)
        {
            return _byId.TryGetValue(schemaId, out schema!);
        }
    }

    /// <summary>
    /// Simulates a metadata change (a new custom field): later events of the entity use a new schema id.
    /// The added fields are <c>SimAdded1__c</c>, <c>SimAdded2__c</c>, … (nullable strings, appended last).
    /// </summary>
    public EntitySchema AddField(string entity)
    {
        var canonical = EntityFields.Canonical(entity);
        lock (_gate)
        {
            var current = _current[canonical];
            var added = current.Fields.Count - EntityFields.For(canonical).Count + 1;
            var next = current.WithAddedField(new EventField(string.Create(CultureInfo.InvariantCulture, $"SimAdded{added}__c"), FieldKind.String));
            Register(next);
            return next;
        }
    }

    // Callers hold _gate (or run in the constructor).
    private void Register(EntitySchema schema)
    {
        _current[schema.Entity] = schema;
        _byId[schema.SchemaId] = schema;
    }
}
