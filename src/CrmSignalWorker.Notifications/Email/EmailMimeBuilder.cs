using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MimeKit;
using MimeKit.Text;

namespace CrmSignalWorker.Notifications.Email;

/// <summary>Turns a stored <see cref="EmailMessage"/> into the MIME message that goes on the wire.</summary>
internal static class EmailMimeBuilder
{
    internal const string MessageIdDomain = "crmsignal.local";

    /// <exception cref="DeliveryException">An address cannot be parsed; permanent, as resending cannot fix it.</exception>
    public static MimeMessage Build(EmailMessage message, string from, string idempotencyKey, DateTimeOffset date)
    {
        if (message.To.Count == 0)
        {
            throw new DeliveryException("The email has no recipients.", isTransient: false);
        }

        var mime = new MimeMessage
        {
            Subject = message.Subject,
            Date = date,

            // Same key, same id: when a crash between the relay's 250 and our outbox update causes a
            // resend, receivers and archives can recognise the duplicate (RFC 5322 §3.6.4).
            MessageId = MessageIdFor(idempotencyKey),
        };

        mime.From.Add(ParseMailbox(from, "The configured sender (Smtp:From) is not a valid mailbox."));
        for (var i = 0; i < message.To.Count; i++)
        {
            // Position rather than address in the message: addresses are personal data and the
            // dispatcher stores this text.
            mime.To.Add(ParseMailbox(message.To[i], $"Recipient #{(i + 1).ToString(CultureInfo.InvariantCulture)} is not a valid mailbox."));
        }

        // RFC 3834: marks the digest as automated so out-of-office responders do not answer it.
        mime.Headers.Add("Auto-Submitted", "auto-generated");

        // Plain text first, HTML last: in multipart/alternative the last part is the preferred one (RFC 2046 §5.1.4).
        mime.Body = new MultipartAlternative
        {
            new TextPart(TextFormat.Plain) { Text = message.Text },
            new TextPart(TextFormat.Html) { Text = message.Html },
        };

        return mime;
    }

    /// <summary>The id-left is the SHA-256 of the key: stable, fixed-length and free of characters RFC 5322 forbids.</summary>
    public static string MessageIdFor(string idempotencyKey)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey));
        return $"{Convert.ToHexStringLower(hash)}@{MessageIdDomain}";
    }

    private static MailboxAddress ParseMailbox(string address, string error)
    {
        if (MailboxAddress.TryParse(address, out var mailbox) && mailbox.Address.Contains('@', StringComparison.Ordinal))
        {
            return mailbox;
        }

        throw new DeliveryException(error, isTransient: false);
    }
}
