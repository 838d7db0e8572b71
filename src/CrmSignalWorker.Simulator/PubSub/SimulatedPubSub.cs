namespace CrmSignalWorker.Simulator.PubSub;

/// <summary>
/// The org's event bus as tests see it (<c>org.PubSub</c>): the change events and <c>Workflow_Event__e</c> platform
/// events on it, and live events published while subscribers are connected. Subscribers reach it over gRPC at <see cref="SimulatedOrg.PubSubUrl"/>. Thread-safe.
/// </summary>
public sealed class SimulatedPubSub
{
    private readonly EventBus _bus;
    private readonly SchemaRegistry _schemas;
    private readonly TransactionSource _transactions;
    private readonly Scenario _scenario;
    private readonly TimeProvider _time;
    private readonly PubSubFaults _faults;
    private readonly DeterministicIds _ids;
    private readonly string _automatedProcessUserId;
    private long _liveWorkflowEvents;

    internal SimulatedPubSub(
        EventBus bus, SchemaRegistry schemas, TransactionSource transactions, Scenario scenario, TimeProvider time, PubSubFaults faults)
    {
        _bus = bus;
        _schemas = schemas;
        _transactions = transactions;
        _scenario = scenario;
        _time = time;
        _faults = faults;
        _ids = new DeterministicIds(scenario.Seed);
        _automatedProcessUserId = scenario.AutomatedProcessUserId;
    }

    /// <summary>Every change event published so far (scenario history first, then live ones), in replay-id order, retained or not.</summary>
    public IReadOnlyList<PublishedChangeEvent> Events => [.. _bus.Snapshot().Select(e => e.ToPublishedChange()).OfType<PublishedChangeEvent>()];

    /// <summary>Every <c>Workflow_Event__e</c> published so far (the scenario's first, then live ones), in replay-id order.</summary>
    public IReadOnlyList<PublishedWorkflowEvent> WorkflowEvents =>
        [.. _bus.Snapshot().Select(e => e.ToPublishedWorkflowEvent()).OfType<PublishedWorkflowEvent>()];

    /// <summary>
    /// The schema id events of <paramref name="entity"/> carry now (what GetTopic reports for its channel);
    /// <c>Workflow_Event__e</c> names the platform event.
    /// </summary>
    public string CurrentSchemaId(string entity) => _schemas.CurrentSchemaId(entity);

    /// <summary>Publishes a <c>Workflow_Event__e</c> on <c>/event/Workflow_Event__e</c>.</summary>
    /// <returns>The event as published, with its replay id and correlation id.</returns>
    public PublishedWorkflowEvent PublishWorkflowEvent(WorkflowEventSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        RequireText(spec.RecordId, nameof(spec.RecordId));
        RequireText(spec.ObjectName, nameof(spec.ObjectName));
        RequireText(spec.EventType, nameof(spec.EventType));
        var workflowEvent = new SimWorkflowEvent(
            spec.EventUuid ?? _ids.Uuid("live-workflow-event", Interlocked.Increment(ref _liveWorkflowEvents)),
            spec.CreatedDate ?? _time.GetUtcNow(),
            spec.CreatedById ?? _automatedProcessUserId,
            spec.RecordId,
            spec.ObjectName,
            spec.EventType,
            spec.StageBefore,
            spec.StageAfter,
            spec.OwnerBefore,
            spec.OwnerAfter,
            spec.AutomationId,
            spec.CorrelationId ?? _transactions.StartLive(),
            spec.SlaClockState);
        return _bus.Publish(new WorkflowEventDraft(workflowEvent), _faults.TakeCorruption()).ToPublishedWorkflowEvent()!;
    }

    /// <summary>Publishes a CREATE, UPDATE, DELETE or UNDELETE event on the entity's channel and /data/ChangeEvents.</summary>
    /// <returns>The event's replay id: 8 bytes, big-endian.</returns>
    public byte[] PublishChange(ChangeEventSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (ChangeTypes.IsGap(spec.ChangeType))
        {
            throw new ArgumentException("Gap and overflow events are published with PublishGap and PublishOverflow.", nameof(spec));
        }

        if (spec.RecordIds is not { Count: > 0 })
        {
            throw new ArgumentException("A change event needs at least one record id.", nameof(spec));
        }

        var schema = _schemas.Current(spec.Entity);
        var commitTimestamp = spec.CommitTimestamp ?? _time.GetUtcNow();
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var changed = new List<string>();
        var nulled = new List<string>();
        foreach (var (path, value) in spec.Fields)
        {
            values[path] = FieldValues.ToAvro(schema.Locate(path).Field, value, path);
            if (spec.ChangeType == ChangeType.Update)
            {
                changed.Add(path);
            }

            if (value is null)
            {
                nulled.Add(path);
            }
        }

        if (spec.ChangeType == ChangeType.Update && !values.ContainsKey("LastModifiedDate"))
        {
            values["LastModifiedDate"] = commitTimestamp.ToUnixTimeMilliseconds();
            changed.Add("LastModifiedDate");
        }

        var (key, commitNumber, sequence) = _transactions.ForLiveEvent(spec.TransactionKey);
        return Publish(new ChangeEventDraft(
            schema.Entity, [.. spec.RecordIds], spec.ChangeType, values, changed, nulled, spec.ChangeOrigin ?? "",
            key, spec.SequenceNumber ?? sequence, commitTimestamp, commitNumber, spec.CommitUser ?? _scenario.RunAsUserId));
    }

    /// <summary>
    /// Publishes a gap event (GAP_CREATE, GAP_UPDATE, GAP_DELETE or GAP_UNDELETE): header only, no field values, so the
    /// subscriber must re-read the records. Committed by the Automated Process user with an empty changeOrigin.
    /// </summary>
    public byte[] PublishGap(string entity, IReadOnlyList<string> recordIds, ChangeType gapType)
    {
        ArgumentNullException.ThrowIfNull(recordIds);
        if (gapType is not (ChangeType.GapCreate or ChangeType.GapUpdate or ChangeType.GapDelete or ChangeType.GapUndelete))
        {
            throw new ArgumentOutOfRangeException(nameof(gapType), gapType, "Use GapCreate, GapUpdate, GapDelete or GapUndelete.");
        }

        if (recordIds.Count == 0)
        {
            throw new ArgumentException("A gap event needs at least one record id.", nameof(recordIds));
        }

        return PublishHeaderOnly(entity, [.. recordIds], gapType);
    }

    /// <summary>Publishes a GAP_OVERFLOW event: header only with the entity name and no record ids; the subscriber must resync the entity.</summary>
    public byte[] PublishOverflow(string entity) => PublishHeaderOnly(entity, [], ChangeType.GapOverflow);

    private byte[] PublishHeaderOnly(string entity, string[] recordIds, ChangeType type)
    {
        var schema = _schemas.Current(entity);
        var (key, commitNumber, sequence) = _transactions.ForLiveEvent(null);
        return Publish(new ChangeEventDraft(
            schema.Entity, recordIds, type, new Dictionary<string, object?>(), [], [], "", key, sequence, _time.GetUtcNow(), commitNumber,
            _automatedProcessUserId));
    }

    private byte[] Publish(ChangeEventDraft draft) => ReplayIds.ToBytes(_bus.Publish(draft, _faults.TakeCorruption()).ReplayId);

    private static void RequireText(string value, string name)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException($"WorkflowEventSpec.{name} is required.", name);
        }
    }
}
