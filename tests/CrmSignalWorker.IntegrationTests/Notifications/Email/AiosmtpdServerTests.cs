using CrmSignalWorker.IntegrationTests.Infrastructure;

namespace CrmSignalWorker.IntegrationTests.Notifications.Email;

/// <summary>The SMTP tests must fail, never skip, on a machine without aiosmtpd.</summary>
public sealed class AiosmtpdServerTests
{
    [Theory]
    [InlineData("/nonexistent/python3")]
    [InlineData("/bin/false")]
    public async Task StartAsync_InterpreterOrModuleMissing_FailsNamingTheDebianPackage(string python)
    {
        await using var server = new AiosmtpdServer(python);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(server.StartAsync);

        Assert.Contains("python3-aiosmtpd", ex.Message, StringComparison.Ordinal);
    }
}
