namespace CrmSignalWorker.Core.Lineage;

/// <summary>Fractions of a whole, exact to decimal precision; renderings round them for people.</summary>
public static class Shares
{
    /// <summary><paramref name="part"/> / <paramref name="whole"/>, or 0 when there is no whole.</summary>
    public static decimal Of(long part, long whole)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(part);
        ArgumentOutOfRangeException.ThrowIfNegative(whole);
        return whole == 0 ? 0m : (decimal)part / whole;
    }
}
