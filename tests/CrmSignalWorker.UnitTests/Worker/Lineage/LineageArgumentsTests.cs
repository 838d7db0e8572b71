using CrmSignalWorker.Cli;
using CrmSignalWorker.Lineage;

namespace CrmSignalWorker.UnitTests.Worker.Lineage;

public sealed class LineageArgumentsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Parse_NoArguments_UsesTheConfiguredWindowEndingNow()
    {
        var window = LineageArguments.Parse([]).WindowEnding(Now, TimeSpan.FromDays(30));

        Assert.Equal((Now.AddDays(-30), Now), (window.From, window.To));
    }

    [Theory]
    [InlineData("7d")]
    [InlineData("7")]
    public void Parse_Window_IsThatManyDaysEndingNow(string value)
    {
        var window = LineageArguments.Parse(["--window", value]).WindowEnding(Now, TimeSpan.FromDays(30));

        Assert.Equal(Now.AddDays(-7), window.From);
    }

    [Fact]
    public void Parse_FromTo_IsThatRange()
    {
        var arguments = LineageArguments.Parse(["--from", "2026-01-01", "--to", "2026-02-01T06:00:00Z", "--json"]);

        var window = arguments.WindowEnding(Now, TimeSpan.FromDays(30));
        Assert.Equal((new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 1, 6, 0, 0, TimeSpan.Zero)), (window.From, window.To));
        Assert.True(arguments.Json);
    }

    [Theory]
    [InlineData("--window 0d", "--window '0d'")]
    [InlineData("--window 731", "--window '731'")]
    [InlineData("--window month", "--window 'month'")]
    [InlineData("--from 2026-01-01", "--to is required")]
    [InlineData("--to 2026-01-01", "--from is required")]
    [InlineData("--from 2026-02-01 --to 2026-01-01", "--to (2026-01-01) must be later than --from (2026-02-01)")]
    [InlineData("--from 01/02/2026 --to 2026-03-01", "--from '01/02/2026' is not a date")]
    [InlineData("--window 7d --from 2026-01-01 --to 2026-02-01", "--window cannot be combined with --from/--to")]
    [InlineData("--html", "option --html needs a value")]
    [InlineData("--csv x", "unknown option --csv")]
    [InlineData("Opportunity", "lineage takes no words")]
    public void Parse_BadArguments_AreUsageErrorsNamingTheArgument(string args, string expected)
    {
        var error = Assert.Throws<UsageException>(() => LineageArguments.Parse(args.Split(' ')));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HtmlInAFolderThatDoesNotExist_IsAUsageErrorBeforeAnyQuery()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N"), "lineage.html");

        var error = Assert.Throws<UsageException>(() => LineageArguments.Parse(["--html", path]));

        Assert.Contains("--html", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HtmlThatIsADirectory_IsAUsageError() =>
        Assert.Contains("is a directory", Assert.Throws<UsageException>(() => LineageArguments.Parse(["--html", Path.GetTempPath()])).Message, StringComparison.Ordinal);
}
