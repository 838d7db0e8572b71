namespace CrmSignalWorker.Storage.Scoping;

/// <summary>The names that migration 0011's policies and the scoped read session agree on.</summary>
public static class ScopedReadRole
{
    /// <summary>
    /// The non-login role API reads run as. Roles are shared by every database of a cluster; the role holds no
    /// privileges of its own beyond SELECT on the scoped tables of each database that granted it.
    /// </summary>
    public const string Name = "crmsignal_scoped";

    /// <summary>Transaction-local setting: the markets visible, as a text[] literal.</summary>
    public const string MarketsSetting = "crmsignal.markets";

    /// <summary>Transaction-local setting: 'on' makes every row visible, including rows without a market.</summary>
    public const string AllMarketsSetting = "crmsignal.all_markets";

    /// <summary>
    /// The tables the scoped role may read, each under a market policy. Anything else (crm_user, signal_value, the
    /// outbox, flags) is refused to it outright.
    /// </summary>
    public static IReadOnlyList<string> Tables { get; } = ["field_change", "workflow_event", "crm_record"];
}
