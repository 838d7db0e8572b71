namespace CrmSignalWorker.Simulator.Generation;

/// <summary>
/// The life of one account, contact, case or deal registration as a list of saves. These objects track only an owner and
/// a few plain fields, so one plan shape and one writer (<see cref="RecordHistoryWriter"/>) serve them all.
/// </summary>
internal sealed class RecordPlan
{
    public required string Object { get; init; }

    public required string CreatorId { get; init; }

    /// <summary>The owner at creation.</summary>
    public required string OwnerId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string Market { get; init; }

    /// <summary>History field name to its value at creation, for every tracked field other than Owner.</summary>
    public Dictionary<string, string?> Tracked { get; } = new(StringComparer.Ordinal);

    public List<RecordSave> Saves { get; } = [];

    public bool IsDeleted { get; set; }

    /// <summary>The account a contact, case or deal registration belongs to.</summary>
    public RecordPlan? Account { get; init; }

    /// <summary>Untracked values fixed at creation (names, industry, origin, …).</summary>
    public Dictionary<string, string> Attributes { get; } = new(StringComparer.Ordinal);

    /// <summary>The owner in force at <paramref name="at"/>, from the saves before it.</summary>
    public string OwnerAt(DateTimeOffset at) =>
        Saves.Where(s => s.At <= at && s.NewOwnerId is not null).OrderBy(s => s.At).LastOrDefault()?.NewOwnerId ?? OwnerId;
}

/// <summary>One save: who saved, an optional new owner, and the tracked fields set.</summary>
/// <param name="ActorId">Who saved; null means whoever owns the record at that moment.</param>
internal sealed record RecordSave(DateTimeOffset At, string? ActorId, string? NewOwnerId = null, IReadOnlyList<FieldSet>? Fields = null);

/// <param name="DataType">The history DataType: Picklist, Text, Currency, Date, …</param>
internal sealed record FieldSet(string Field, string DataType, string? Value);

/// <summary>A record after its saves: owner, tracked values, when each tracked field last changed, and the last save.</summary>
internal sealed record RecordOutcome(
    string OwnerId,
    IReadOnlyDictionary<string, string?> Values,
    IReadOnlyDictionary<string, DateTimeOffset> ChangedAt,
    DateTimeOffset LastModified);
