using System.Text.Json;
using CrmSignalWorker.Notifications.Email;

namespace CrmSignalWorker.UnitTests.Notifications.Email;

public sealed class EmailMessageTests
{
    [Fact]
    public void JsonRoundTrip_RenderedDigest_PreservesEveryField()
    {
        var (subject, html, text) = new EmailDigestRenderer().Render(TestDigests.Create([TestDigests.Breach("<script>& Zürich")]));
        var message = new EmailMessage(["a@example.com", "Bee <b@example.com>"], subject, html, text);

        var copy = JsonSerializer.Deserialize<EmailMessage>(JsonSerializer.Serialize(message))!;

        Assert.Equal(message.To, copy.To);
        Assert.Equal(message.Subject, copy.Subject);
        Assert.Equal(message.Html, copy.Html);
        Assert.Equal(message.Text, copy.Text);
    }
}
