namespace CrmSignalWorker.Notifications.Email;

/// <summary>How the SMTP connection is protected.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text; only for a relay on a trusted network.</summary>
    None,

    /// <summary>Upgrade with STARTTLS and fail when the server does not offer it.</summary>
    StartTls,

    /// <summary>Upgrade with STARTTLS when the server offers it, otherwise continue in plain text.</summary>
    StartTlsWhenAvailable,

    /// <summary>Implicit TLS from the first byte (SMTPS, usually port 465).</summary>
    SslOnConnect,
}
