using CrmSignalWorker.Notifications;
using CrmSignalWorker.Notifications.Email;
using MimeKit;

namespace CrmSignalWorker.UnitTests.Notifications.Email;

public sealed class EmailMimeBuilderTests
{
    private static readonly DateTimeOffset s_now = new(2025, 3, 5, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Build_SameIdempotencyKey_SameMessageId()
    {
        var first = EmailMimeBuilder.Build(Message(), "signals@example.com", "sales-emea:2025-03-04", s_now);
        var resend = EmailMimeBuilder.Build(Message(), "signals@example.com", "sales-emea:2025-03-04", s_now.AddHours(3));
        var other = EmailMimeBuilder.Build(Message(), "signals@example.com", "sales-emea:2025-03-11", s_now);

        Assert.Equal(first.MessageId, resend.MessageId);
        Assert.NotEqual(first.MessageId, other.MessageId);
        Assert.Matches("^[0-9a-f]{64}@crmsignal\\.local$", first.MessageId);
    }

    [Fact]
    public void Build_Message_IsMultipartAlternativeWithTextThenHtml()
    {
        var mime = EmailMimeBuilder.Build(Message(), "CRM Signals <signals@example.com>", "key", s_now);

        var alternative = Assert.IsType<MultipartAlternative>(mime.Body);
        Assert.Collection(
            alternative,
            part => Assert.Equal("text/plain", part.ContentType.MimeType),
            part => Assert.Equal("text/html", part.ContentType.MimeType));
        Assert.Equal("Plain body", mime.TextBody);
        Assert.Equal("<p>Html body</p>", mime.HtmlBody);
        Assert.Equal("Digest subject", mime.Subject);
        Assert.Equal(s_now, mime.Date);
        Assert.Equal("signals@example.com", Assert.Single(mime.From.Mailboxes).Address);
        Assert.Equal(["a@example.com", "b@example.com"], mime.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("auto-generated", mime.Headers["Auto-Submitted"]);
    }

    [Fact]
    public void Build_InvalidRecipient_ThrowsPermanentWithoutEchoingAddresses()
    {
        var message = Message() with { To = ["a@example.com", "bob at example"] };

        var ex = Assert.Throws<DeliveryException>(() => EmailMimeBuilder.Build(message, "signals@example.com", "key", s_now));

        Assert.False(ex.IsTransient);
        Assert.Contains("Recipient #2", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("bob", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NoRecipients_ThrowsPermanent()
    {
        var ex = Assert.Throws<DeliveryException>(() => EmailMimeBuilder.Build(Message() with { To = [] }, "signals@example.com", "key", s_now));

        Assert.False(ex.IsTransient);
    }

    private static EmailMessage Message() =>
        new(["a@example.com", "Bee <b@example.com>"], "Digest subject", "<p>Html body</p>", "Plain body");
}
