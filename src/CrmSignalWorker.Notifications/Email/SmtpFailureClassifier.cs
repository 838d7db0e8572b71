using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace CrmSignalWorker.Notifications.Email;

/// <summary>
/// Decides whether an SMTP failure is worth retrying. RFC 5321 §4.2.1: 4yz replies are transient,
/// 5yz permanent; anything that never reached a reply (refused, reset, timed out) is transient.
/// </summary>
internal static class SmtpFailureClassifier
{
    /// <returns>The exception to throw, or null when <paramref name="exception"/> is not a delivery failure (a bug, or cancellation).</returns>
    public static DeliveryException? Classify(Exception exception, string host, int port)
    {
        var relay = $"SMTP relay {host}:{port}";
        return exception switch
        {
            SmtpCommandException command when (int)command.StatusCode is >= 400 and < 500 =>
                new DeliveryException($"{relay} deferred the message with {(int)command.StatusCode} {command.StatusCode}: {command.Message}", isTransient: true, innerException: command),
            SmtpCommandException command =>
                new DeliveryException($"{relay} refused the message with {(int)command.StatusCode} {command.StatusCode}: {command.Message}", isTransient: false, innerException: command),

            // Credentials or certificates are wrong; retrying sends the same wrong ones. The server's
            // text is kept but never the password, which MailKit does not echo.
            AuthenticationException auth =>
                new DeliveryException($"{relay} rejected the configured credentials: {auth.Message}", isTransient: false, innerException: auth),
            SslHandshakeException tls =>
                new DeliveryException($"{relay} failed the TLS handshake; check Smtp:Security and the server certificate.", isTransient: false, innerException: tls),

            // STARTTLS or AUTH demanded by configuration but not offered by the server.
            NotSupportedException unsupported =>
                new DeliveryException($"{relay} does not support what Smtp options require: {unsupported.Message}", isTransient: false, innerException: unsupported),

            SocketException socket =>
                new DeliveryException($"{relay} is unreachable: {socket.SocketErrorCode}.", isTransient: true, innerException: socket),
            ServiceNotConnectedException or SmtpProtocolException or IOException =>
                new DeliveryException($"{relay} dropped the connection: {exception.Message}", isTransient: true, innerException: exception),
            TimeoutException =>
                new DeliveryException($"{relay} did not answer in time.", isTransient: true, innerException: exception),
            _ => null,
        };
    }
}
