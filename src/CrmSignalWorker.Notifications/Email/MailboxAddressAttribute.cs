using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace CrmSignalWorker.Notifications.Email;

/// <summary>
/// Accepts null or one RFC 5322 mailbox ("signals@example.com" or "CRM Signals &lt;signals@example.com&gt;"),
/// parsed the way MimeKit will parse it at send time, so a bad address fails at startup rather than
/// on the first digest.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class MailboxAddressAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) =>
        // Whether a mailbox is required at all is the options' own rule; this checks the shape of one that is set.
        value is null or ""
        || (value is string text && MailboxAddress.TryParse(text, out var mailbox) && mailbox.Address.Contains('@', StringComparison.Ordinal));
}
