namespace CrmSignalWorker.Core.Signals;

/// <summary>
/// One evaluation of a signal for one day and segment. Every figure can be drilled into:
/// the numerator's records are listed in <see cref="OffendingRecordIds"/>.
/// </summary>
public sealed record SignalValue(
    string Signal,
    DateOnly Day,
    string Segment,
    int Numerator,
    int Denominator,
    decimal Threshold,
    IReadOnlyList<string> OffendingRecordIds)
{
    /// <summary>Share of the denominator's records that offend; 0 when nothing was eligible.</summary>
    public decimal Value => Denominator == 0 ? 0m : decimal.Round((decimal)Numerator / Denominator, 4);

    public bool Breached => Denominator > 0 && Value > Threshold;
}
