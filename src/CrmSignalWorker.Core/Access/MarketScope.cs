namespace CrmSignalWorker.Core.Access;

/// <summary>
/// The markets an API caller may see: every market (<c>*</c>), or a fixed list. The database enforces it (row-level
/// security keyed on each row's market column); this type only says what to ask for.
/// </summary>
public sealed class MarketScope
{
    /// <summary>How configuration and claims spell "every market".</summary>
    public const string AllMarketsToken = "*";

    private MarketScope(bool allMarkets, IReadOnlyList<string> markets)
    {
        AllMarkets = allMarkets;
        Markets = markets;
    }

    public static MarketScope All { get; } = new(true, []);

    /// <summary>True for <c>*</c>: also rows whose market is unknown (a record without a market field value).</summary>
    public bool AllMarkets { get; }

    /// <summary>The markets named, in order, without duplicates; empty for <see cref="All"/>.</summary>
    public IReadOnlyList<string> Markets { get; }

    /// <summary>A scope of the named markets. Market values are compared exactly, as Salesforce stores them.</summary>
    public static MarketScope Only(IEnumerable<string> markets)
    {
        ArgumentNullException.ThrowIfNull(markets);
        var distinct = markets.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0 || distinct.Any(string.IsNullOrWhiteSpace) || distinct.Contains(AllMarketsToken))
        {
            throw new ArgumentException("A market scope names at least one market, none blank and none '*' (use MarketScope.All).", nameof(markets));
        }

        return new MarketScope(false, distinct);
    }

    /// <summary>The scope configured as a list: <c>["*"]</c> is every market, anything else those markets.</summary>
    public static MarketScope Parse(IReadOnlyList<string> configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        return configured is [AllMarketsToken] ? All : Only(configured);
    }

    public bool Allows(string? market) => AllMarkets || (market is not null && Markets.Contains(market, StringComparer.Ordinal));

    public override string ToString() => AllMarkets ? AllMarketsToken : string.Join(",", Markets);
}
