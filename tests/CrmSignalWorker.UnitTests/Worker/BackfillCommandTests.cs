using CrmSignalWorker.Cli;
using CrmSignalWorker.Lifecycle;

namespace CrmSignalWorker.UnitTests.Worker;

public sealed class BackfillCommandTests
{
    private static readonly string[] Configured = ["OpportunityFieldHistory", "OpportunityHistory", "LeadHistory"];

    [Fact]
    public void ParseRange_Dates_AreUtcMidnights()
    {
        var (from, to) = BackfillCommand.ParseRange("2026-01-01", "2026-02-01");

        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), from);
        Assert.Equal(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), to);
    }

    [Fact]
    public void ParseRange_TimesWithAnOffset_AreConvertedToUtc()
    {
        var (from, _) = BackfillCommand.ParseRange("2026-01-01T02:30:00+02:00", "2026-01-02T00:00:00Z");

        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 30, 0, TimeSpan.Zero), from);
        Assert.Equal(TimeSpan.Zero, from.Offset);
    }

    [Theory]
    [InlineData("01/02/2026", "2026-02-01", "--from '01/02/2026' is not a date")]
    [InlineData("2026-01-01", "2026-01-01T00:00:00.5Z", "--to '2026-01-01T00:00:00.5Z' is not a date")]
    [InlineData("2026-02-01", "2026-02-01", "--to (2026-02-01) must be later than --from (2026-02-01)")]
    public void ParseRange_BadInput_NamesTheOption(string from, string to, string expected)
    {
        var error = Assert.Throws<UsageException>(() => BackfillCommand.ParseRange(from, to));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SelectObjects_None_IsEveryConfiguredObject() =>
        Assert.Equal(Configured, BackfillCommand.SelectObjects(null, Configured));

    [Fact]
    public void SelectObjects_Named_AreTakenInTheConfiguredSpellingOnce() =>
        Assert.Equal(["LeadHistory", "OpportunityHistory"], BackfillCommand.SelectObjects("leadhistory, OpportunityHistory,LeadHistory", Configured));

    [Fact]
    public void SelectObjects_NotConfigured_IsAUsageErrorListingTheConfiguredOnes()
    {
        var error = Assert.Throws<UsageException>(() => BackfillCommand.SelectObjects("LeadHistory,CaseHistory", Configured));

        Assert.Contains("--objects: 'CaseHistory' is not a configured history object (History:Objects: OpportunityFieldHistory, OpportunityHistory, LeadHistory)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MonthsOf_ARangeEndingAtAMonthStart_StopsBeforeThatMonth() =>
        Assert.Equal(
            [new DateOnly(2025, 12, 1), new DateOnly(2026, 1, 1)],
            HistoryBackfill.MonthsOf(new DateTimeOffset(2025, 12, 20, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero)));
}
