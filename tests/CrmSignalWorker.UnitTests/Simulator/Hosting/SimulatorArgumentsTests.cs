using CrmSignalWorker.Simulator.Hosting;

namespace CrmSignalWorker.UnitTests.Simulator.Hosting;

public sealed class SimulatorArgumentsTests
{
    [Fact]
    public void Parse_AllOptions_MapsToOrgOptions()
    {
        var parsed = SimulatorArguments.Parse(
            ["--port", "8443", "--seed", "9", "--days", "14", "--end-date", "2026-11-01", "--opportunities", "50", "--leads", "20",
             "--accounts", "7", "--webhook-port", "9000", "--webhook-dir", "out/slack", "--ground-truth", "gt.json"],
            out var error);

        Assert.Null(error);
        Assert.NotNull(parsed);
        Assert.Equal(9000, parsed.WebhookPort);
        Assert.Equal("out/slack", parsed.WebhookDirectory);
        Assert.Equal("gt.json", parsed.GroundTruthFile);
        var options = parsed.ToOptions();
        Assert.Equal(8443, options.Port);
        Assert.Equal(9, options.Seed);
        Assert.Equal(14, options.Days);
        Assert.Equal(new DateOnly(2026, 11, 1), options.EndDate);
        Assert.Equal(50, options.Opportunities);
        Assert.Equal(20, options.Leads);
        Assert.Equal(7, options.Accounts);
    }

    [Fact]
    public void Parse_NoArguments_UsesDefaults()
    {
        var options = SimulatorArguments.Parse([], out _)!.ToOptions();

        Assert.Equal(0, options.Port);
        Assert.Equal(42, options.Seed);
        Assert.Equal(30, options.Days);
        Assert.Null(options.EndDate);
    }

    [Theory]
    [InlineData(new[] { "--port" }, "--port needs a value")]
    [InlineData(new[] { "--port", "70000" }, "--port must be an integer between 0 and 65535")]
    [InlineData(new[] { "--seed", "abc" }, "--seed must be an integer")]
    [InlineData(new[] { "--end-date", "01/11/2026" }, "--end-date must look like 2026-11-01")]
    [InlineData(new[] { "--verbose", "yes" }, "unknown option --verbose")]
    [InlineData(new[] { "--webhook-port", "9000" }, "--webhook-port needs --webhook-dir")]
    public void Parse_BadArguments_ReturnsNullWithReason(string[] args, string reason)
    {
        var parsed = SimulatorArguments.Parse(args, out var error);

        Assert.Null(parsed);
        Assert.StartsWith(reason, error, StringComparison.Ordinal);
    }
}
