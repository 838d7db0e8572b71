namespace CrmSignalWorker.Simulator.PubSub;

/// <summary>Maps <see cref="ChangeType"/> to the Avro enum symbols, in the same order.</summary>
internal static class ChangeTypes
{
    public static readonly IReadOnlyList<string> Symbols =
    [
        "CREATE", "UPDATE", "DELETE", "UNDELETE", "GAP_CREATE", "GAP_UPDATE", "GAP_DELETE", "GAP_UNDELETE", "GAP_OVERFLOW", "SNAPSHOT",
    ];

    public static string Symbol(ChangeType type) => Symbols[(int)type];

    public static bool IsGap(ChangeType type) => type is >= ChangeType.GapCreate and <= ChangeType.GapOverflow;
}
