using CrmSignalWorker.Cli;

namespace CrmSignalWorker.UnitTests.Worker;

public sealed class CommandLineTests
{
    [Fact]
    public void Parse_WordsAndOptions_AreSeparated()
    {
        var line = CommandLine.Parse(["pause", "Lead_Routing", "--reason", "mass misrouting", "--by", "alex"], new HashSet<string>());

        Assert.Equal(["pause", "Lead_Routing"], line.Words);
        Assert.Equal("mass misrouting", line.Option("reason"));
        Assert.Equal("alex", line.RequiredOption("by", "who"));
    }

    [Fact]
    public void Parse_OptionWithoutValue_IsAUsageError()
    {
        var error = Assert.Throws<UsageException>(() => CommandLine.Parse(["pause", "X", "--reason"], new HashSet<string>()));

        Assert.Contains("--reason needs a value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequiredOption_Missing_NamesTheOption()
    {
        var line = CommandLine.Parse(["pause", "X"], new HashSet<string>());

        var error = Assert.Throws<UsageException>(() => line.RequiredOption("by", "the person making the change"));

        Assert.Contains("--by is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectUnknownOptions_Typo_IsNamed()
    {
        var line = CommandLine.Parse(["pause", "X", "--resaon", "r"], new HashSet<string>());

        var error = Assert.Throws<UsageException>(() => line.RejectUnknownOptions("reason", "by"));

        Assert.Contains("--resaon", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnknownCommand_ExitsWithUsage()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await WorkerCli.RunAsync(["frobnicate"], stdout, stderr);

        Assert.Equal(2, code);
        Assert.Contains("unknown command 'frobnicate'", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("usage:", stderr.ToString(), StringComparison.Ordinal);
    }
}
