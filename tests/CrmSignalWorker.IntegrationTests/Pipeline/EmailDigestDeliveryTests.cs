using CrmSignalWorker.Delivery;
using CrmSignalWorker.Digests;
using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.Simulator;
using CrmSignalWorker.Sources;

namespace CrmSignalWorker.IntegrationTests.Pipeline;

/// <summary>The digest by email through the outbox to aiosmtpd, an SMTP server this project did not write.</summary>
public sealed class EmailDigestDeliveryTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private readonly SimulatedOrgOptions _orgOptions = new() { Seed = 23, Opportunities = 160, Leads = 40 };
    private SimulatedOrg _org = null!;
    private AiosmtpdServer _smtp = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _org = await SimulatedOrg.StartAsync(_orgOptions);
        _smtp = await AiosmtpdServer.StartNewAsync();
    }

    public async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        await _org.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<WorkerHarness> PolledWorkerAsync()
    {
        var settings = WorkerHarness.BaseSettings(_database, _org, _orgOptions);
        settings["Smtp:Host"] = _smtp.Host;
        settings["Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Digest:EmailTo:0"] = "revops@example.test";
        settings["Digest:EmailTo:1"] = "emea-sales@example.test";
        var worker = WorkerHarness.Create(settings);
        await worker.Get<HistorySync>().RunOnceAsync(CancellationToken.None);
        return worker;
    }

    [Fact]
    public async Task ComposeAndDispatch_OverTheScenario_MailsHtmlAndTextNamingEveryJumpingRecord()
    {
        using var worker = await PolledWorkerAsync();

        await worker.Get<DigestComposer>().ComposeAsync(_org.Scenario.FirstDay, _org.Scenario.EndDate.AddDays(-1), CancellationToken.None);
        await worker.Get<OutboxDispatcher>().RunOnceAsync(CancellationToken.None);

        var message = Assert.Single(_smtp.ReadMessages());
        Assert.Equal(["revops@example.test", "emea-sales@example.test"], message.To.Mailboxes.Select(m => m.Address));
        Assert.Contains("RevOps", message.Subject, StringComparison.Ordinal);
        Assert.NotNull(message.HtmlBody);
        Assert.NotNull(message.TextBody);
        foreach (var id in _org.Scenario.StageJumpOpportunityIds)
        {
            Assert.Contains(id, message.HtmlBody, StringComparison.Ordinal);
            Assert.Contains(id, message.TextBody, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Dispatch_WhenTheSmtpServerIsDown_KeepsTheMailAndSendsItOnceItIsBack()
    {
        using var worker = await PolledWorkerAsync();
        var lastDay = _org.Scenario.EndDate.AddDays(-1);
        await worker.Get<DigestComposer>().ComposeAsync(lastDay, lastDay, CancellationToken.None);
        await _smtp.StopAsync();

        await worker.Get<OutboxDispatcher>().RunOnceAsync(CancellationToken.None);
        Assert.Equal(1, await _database.CountAsync("notification_outbox", "status = 'pending' AND attempts = 1"));

        await _smtp.StartAsync();
        worker.Time.Advance(TimeSpan.FromMinutes(1));
        await worker.Get<OutboxDispatcher>().RunOnceAsync(CancellationToken.None);
        await worker.Get<OutboxDispatcher>().RunOnceAsync(CancellationToken.None);

        var message = Assert.Single(_smtp.ReadMessages());
        Assert.Equal(1, await _database.CountAsync("notification_outbox", "status = 'sent'"));
        Assert.Contains("@crmsignal.local", message.MessageId, StringComparison.Ordinal);
    }
}
