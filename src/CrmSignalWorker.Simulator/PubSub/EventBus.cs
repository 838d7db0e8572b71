namespace CrmSignalWorker.Simulator.PubSub;

/// <summary>
/// The org's slice of the shared event bus, in memory: change events and platform events in one replay-id sequence.
/// Replay ids grow with gaps (other orgs share the bus), and keep-alives move the bus tip past this org's last event,
/// so a keep-alive's replay id is a valid place to resume. Events whose commit time is older than the retention, by
/// the org clock, are no longer served. Thread-safe.
/// </summary>
internal sealed class EventBus
{
    private readonly Lock _gate = new();
    private readonly List<BusEvent> _events = [];
    private readonly Dictionary<ulong, DateTimeOffset> _keepAlivePositions = [];
    private readonly SchemaRegistry _schemas;
    private readonly DeterministicIds _ids;
    private readonly TimeSpan _retention;
    private readonly Random _ownGaps;
    private readonly Random _foreignTraffic;
    private ulong _tip;

    public EventBus(int seed, SchemaRegistry schemas, DeterministicIds ids, TimeSpan retention)
    {
        _schemas = schemas;
        _ids = ids;
        _retention = retention;
        _ownGaps = new Random(unchecked((seed * 31) + 2));
        _foreignTraffic = new Random(unchecked((seed * 31) + 3));
        _tip = 17_000_000UL + (ulong)_ownGaps.Next(0, 5_000_000);
    }

    /// <summary>Fires after every publish.</summary>
    public ChangeSignal Published { get; } = new();

    /// <summary>The highest replay id handed out so far, events and keep-alive positions alike.</summary>
    public ulong Tip
    {
        get
        {
            lock (_gate)
            {
                return _tip;
            }
        }
    }

    /// <param name="malformed">Cut the payload short, so it no longer decodes against its schema id.</param>
    public BusEvent Publish(IBusDraft draft, bool malformed = false)
    {
        BusEvent published;
        lock (_gate)
        {
            published = Append(draft, malformed);
        }

        Published.Fire();
        return published;
    }

    public void PublishAll(IEnumerable<IBusDraft> drafts)
    {
        lock (_gate)
        {
            foreach (var draft in drafts)
            {
                Append(draft, malformed: false);
            }
        }

        Published.Fire();
    }

    public IReadOnlyList<BusEvent> Snapshot()
    {
        lock (_gate)
        {
            return [.. _events];
        }
    }

    /// <summary>
    /// Up to <paramref name="max"/> retained events of the topic after <paramref name="after"/>. When there are none and
    /// <paramref name="keepAliveDue"/>, the tip advances (traffic of other orgs) and the new position is returned instead.
    /// Both happen under one lock, so no event of the topic can land between <paramref name="after"/> and that position.
    /// </summary>
    public BusRead Read(TopicDefinition topic, ulong after, int max, DateTimeOffset now, bool keepAliveDue)
    {
        var cutoff = now - _retention;
        lock (_gate)
        {
            var batch = new List<BusEvent>();
            for (var i = FirstAfter(after); i < _events.Count && batch.Count < max; i++)
            {
                var candidate = _events[i];
                if (topic.Carries(candidate.Entity) && candidate.CommitTimestamp >= cutoff)
                {
                    batch.Add(candidate);
                }
            }

            if (batch.Count > 0 || !keepAliveDue)
            {
                return new BusRead(batch, null);
            }

            _tip += (ulong)_foreignTraffic.Next(3, 40);
            _keepAlivePositions[_tip] = now;
            return new BusRead([], _tip);
        }
    }

    /// <summary>Whether a CUSTOM replay id names a position this bus handed out and still retains.</summary>
    public ReplayCheck Check(ulong replayId, DateTimeOffset now)
    {
        if (replayId == 0)
        {
            return ReplayCheck.Unknown;
        }

        var cutoff = now - _retention;
        lock (_gate)
        {
            var index = FirstAfter(replayId - 1);
            if (index < _events.Count && _events[index].ReplayId == replayId)
            {
                return _events[index].CommitTimestamp >= cutoff ? ReplayCheck.Valid : ReplayCheck.Expired;
            }

            if (_keepAlivePositions.TryGetValue(replayId, out var at))
            {
                return at >= cutoff ? ReplayCheck.Valid : ReplayCheck.Expired;
            }

            return ReplayCheck.Unknown;
        }
    }

    // Callers hold _gate.
    private BusEvent Append(IBusDraft draft, bool malformed)
    {
        var (schemaId, payload) = Encode(draft);
        if (malformed)
        {
            // A strict prefix of a valid datum: any reader runs out of bytes before the record ends.
            payload = payload[..(payload.Length / 2)];
        }

        _tip += (ulong)_ownGaps.Next(2, 12);
        var published = new BusEvent(_tip, _ids.Uuid("event", _events.Count), schemaId, payload, draft, malformed);
        _events.Add(published);
        return published;
    }

    private (string SchemaId, byte[] Payload) Encode(IBusDraft draft)
    {
        switch (draft)
        {
            case ChangeEventDraft change:
                var schema = _schemas.Current(change.Entity);
                return (schema.SchemaId, ChangeEventEncoder.Encode(schema, change));
            case WorkflowEventDraft workflow:
                return (_schemas.WorkflowEvent.SchemaId, _schemas.WorkflowEvent.Encode(workflow.Event));
            default:
                throw new ArgumentException($"The bus cannot encode a {draft.GetType().Name}.", nameof(draft));
        }
    }

    // Callers hold _gate. Events are in replay-id order, so a binary search finds the first one past a position.
    private int FirstAfter(ulong after)
    {
        int low = 0, high = _events.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (_events[middle].ReplayId <= after)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
