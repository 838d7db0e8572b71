using System.Security.Cryptography;
using System.Text;
using CrmSignalWorker.Core.Digests;
using CrmSignalWorker.Core.Signals;
using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.Notifications;
using CrmSignalWorker.Notifications.Email;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace CrmSignalWorker.IntegrationTests.Notifications.Email;

public sealed class SmtpEmailSenderTests : IAsyncLifetime
{
    private const string IdempotencyKey = "sales-emea:2025-03-04:email";
    private const string Password = "Hunter2-Smtp-Pa55word";

    private static readonly DateTimeOffset s_now = new(2025, 3, 5, 6, 0, 7, TimeSpan.Zero);

    private readonly FakeTimeProvider _timeProvider = new(s_now);
    private readonly CapturingLogger<SmtpEmailSender> _logger = new();
    private AiosmtpdServer _server = null!;

    public async Task InitializeAsync() => _server = await AiosmtpdServer.StartNewAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task SendAsync_RenderedDigest_ArrivesWithBothPartsRecipientsAndDeterministicMessageId()
    {
        var message = RenderedDigest(["ops@example.com", "Sales Lead <lead@example.com>"]);

        await CreateSut().SendAsync(message, IdempotencyKey, CancellationToken.None);

        var received = Assert.Single(_server.ReadMessages());
        Assert.Equal(message.Subject, received.Subject);
        Assert.Equal("signals@crm.example.com", Assert.Single(received.From.Mailboxes).Address);
        Assert.Equal(["ops@example.com", "lead@example.com"], received.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("ops@example.com, lead@example.com", received.Headers["X-RcptTo"]);
        Assert.Equal(ExpectedMessageId(IdempotencyKey), received.MessageId);
        Assert.Equal(s_now, received.Date);
        Assert.IsType<MultipartAlternative>(received.Body);
        Assert.Equal(Normalize(message.Text), Normalize(received.TextBody));
        Assert.Equal(Normalize(message.Html), Normalize(received.HtmlBody));
    }

    [Fact]
    public async Task SendAsync_RelayDownThenBack_FailsTransientlyThenDeliversWithTheSameMessageId()
    {
        var message = RenderedDigest(["ops@example.com"]);
        var sut = CreateSut();
        await _server.StopAsync();

        var outage = await Assert.ThrowsAsync<DeliveryException>(() => sut.SendAsync(message, IdempotencyKey, CancellationToken.None));

        Assert.True(outage.IsTransient);
        await _server.StartAsync();
        await sut.SendAsync(message, IdempotencyKey, CancellationToken.None);
        var received = Assert.Single(_server.ReadMessages());
        Assert.Equal(ExpectedMessageId(IdempotencyKey), received.MessageId);
    }

    [Fact]
    public async Task SendAsync_CredentialsButRelayOffersNoAuth_ThrowsPermanentWithoutThePassword()
    {
        var options = RelayOptions();
        options.UserName = "relay-user";
        options.Password = Password;

        var ex = await Assert.ThrowsAsync<DeliveryException>(
            () => CreateSut(options).SendAsync(RenderedDigest(["ops@example.com"]), IdempotencyKey, CancellationToken.None));

        Assert.False(ex.IsTransient);
        Assert.DoesNotContain(Password, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Password, _logger.AllText, StringComparison.Ordinal);
        Assert.Empty(_server.ReadMessages());
    }

    [Fact]
    public async Task SendAsync_StartTlsRequiredButNotOffered_ThrowsPermanentAndSendsNothing()
    {
        var options = RelayOptions();
        options.Security = SmtpSecurity.StartTls;

        var ex = await Assert.ThrowsAsync<DeliveryException>(
            () => CreateSut(options).SendAsync(RenderedDigest(["ops@example.com"]), IdempotencyKey, CancellationToken.None));

        Assert.False(ex.IsTransient);
        Assert.Empty(_server.ReadMessages());
    }

    private static EmailMessage RenderedDigest(IReadOnlyList<string> to)
    {
        var day = new DateOnly(2025, 3, 4);
        var digest = new Digest(
            "sales-emea:2025-03-04",
            "Sales EMEA – Zürich",
            day,
            day,
            s_now,
            "https://acme.my.salesforce.com",
            [
                new SignalValue(SignalNames.SameDayStageJumps, day, "<script>&", 3, 45, 0.05m, ["006A000001", "006A000002", "006A000003"]),
                new SignalValue(SignalNames.SameDayStageJumps, day, "SMB", 1, 100, 0.05m, ["006B000001"]),
            ]);
        var (subject, html, text) = new EmailDigestRenderer().Render(digest);
        return new EmailMessage(to, subject, html, text);
    }

    /// <summary>Computed here rather than by the code under test, so the test pins the documented format.</summary>
    private static string ExpectedMessageId(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))) + "@crmsignal.local";

    private static string Normalize(string? text) => (text ?? string.Empty).ReplaceLineEndings("\n").TrimEnd('\n');

    private SmtpOptions RelayOptions() => new()
    {
        Host = _server.Host,
        Port = _server.Port,
        From = "CRM Signals <signals@crm.example.com>",
        Timeout = TimeSpan.FromSeconds(10),
    };

    private SmtpEmailSender CreateSut(SmtpOptions? options = null) =>
        new(Options.Create(options ?? RelayOptions()), _logger, _timeProvider);
}
