namespace CrmSignalWorker.Simulator.PubSub;

/// <summary>How a record field is typed in a change event (every one a nullable union <c>["null", T]</c>).</summary>
internal enum FieldKind
{
    String,
    Double,
    Boolean,

    /// <summary>Avro long: epoch milliseconds at 00:00 UTC of the date.</summary>
    Date,

    /// <summary>Avro long: epoch milliseconds.</summary>
    DateTime,

    /// <summary>A nested record (such as a name or an address) whose children are nullable strings.</summary>
    Compound,
}

/// <summary>One top-level field of a change event record after ChangeEventHeader.</summary>
/// <param name="RecordName">The Avro record name of a compound field's type.</param>
internal sealed record EventField(string Name, FieldKind Kind, IReadOnlyList<string>? Children = null, string? RecordName = null)
{
    public static EventField Compound(string name, string recordName, params string[] children) =>
        new(name, FieldKind.Compound, children, recordName);
}

/// <summary>Where a field sits in the event record: the top-level Avro field index, and the child index inside a compound.</summary>
internal readonly record struct FieldPosition(int Index, int? Child = null);
