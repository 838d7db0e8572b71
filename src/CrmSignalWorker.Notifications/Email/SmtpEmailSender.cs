using System.Diagnostics;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Notifications.Email;

/// <summary>
/// Submits digests over SMTP with MailKit. One connection per message: digests are a handful a day,
/// and a fresh connection never inherits a half-broken session from the last failure.
/// </summary>
public sealed class SmtpEmailSender(IOptions<SmtpOptions> options, ILogger<SmtpEmailSender> logger, TimeProvider timeProvider)
    : IEmailSender
{
    public async Task SendAsync(EmailMessage message, string idempotencyKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);

        var settings = options.Value;
        var mime = EmailMimeBuilder.Build(message, settings.From, idempotencyKey, timeProvider.GetUtcNow());
        var started = Stopwatch.GetTimestamp();

        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, ToSocketOptions(settings.Security), ct);
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                await client.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, ct);
            }

            await client.SendAsync(mime, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && SmtpFailureClassifier.Classify(ex, settings.Host, settings.Port) is { } failure)
        {
            logger.EmailFailed(failure, settings.Host, settings.Port, idempotencyKey, failure.IsTransient);
            throw failure;
        }

        logger.EmailSent(settings.Host, settings.Port, idempotencyKey, mime.MessageId ?? string.Empty, mime.To.Count, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);

        try
        {
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && SmtpFailureClassifier.Classify(ex, settings.Host, settings.Port) is not null)
        {
            // The relay already accepted the message; reporting failure now would make the outbox send it twice.
            logger.EmailDisconnectFailed(ex, settings.Host, settings.Port, idempotencyKey);
        }
    }

    private static SecureSocketOptions ToSocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.StartTlsWhenAvailable => SecureSocketOptions.StartTlsWhenAvailable,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => throw new DeliveryException($"Smtp:Security value {security} is not supported.", isTransient: false),
    };
}
