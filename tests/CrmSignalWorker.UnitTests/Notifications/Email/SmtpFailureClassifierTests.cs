using System.Net.Sockets;
using CrmSignalWorker.Notifications.Email;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace CrmSignalWorker.UnitTests.Notifications.Email;

public sealed class SmtpFailureClassifierTests
{
    [Theory]
    [InlineData(SmtpStatusCode.ServiceNotAvailable)]
    [InlineData(SmtpStatusCode.MailboxBusy)]
    [InlineData(SmtpStatusCode.ErrorInProcessing)]
    [InlineData(SmtpStatusCode.InsufficientStorage)]
    public void Classify_4xxReply_IsTransient(SmtpStatusCode status)
    {
        var failure = Classify(new SmtpCommandException(SmtpErrorCode.MessageNotAccepted, status, "try again later"));

        Assert.True(failure.IsTransient);
        Assert.Contains(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SmtpStatusCode.MailboxUnavailable)]
    [InlineData(SmtpStatusCode.TransactionFailed)]
    [InlineData(SmtpStatusCode.ExceededStorageAllocation)]
    public void Classify_5xxReply_IsPermanent(SmtpStatusCode status)
    {
        var failure = Classify(new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, status, "no such user"));

        Assert.False(failure.IsTransient);
        Assert.Contains("no such user", failure.Message, StringComparison.Ordinal);
    }

    public static TheoryData<Exception> TransientFailures() => new()
    {
        new SocketException((int)SocketError.ConnectionRefused),
        new ServiceNotConnectedException(),
        new IOException("connection reset"),
        new SmtpProtocolException("unexpected disconnect"),
        new TimeoutException(),
    };

    [Theory]
    [MemberData(nameof(TransientFailures))]
    public void Classify_ConnectionFailure_IsTransient(Exception exception)
    {
        Assert.True(Classify(exception).IsTransient);
    }

    [Fact]
    public void Classify_BadCredentials_IsPermanent()
    {
        Assert.False(Classify(new AuthenticationException("535 5.7.8 authentication failed")).IsTransient);
    }

    [Fact]
    public void Classify_ProgrammingError_IsNotADeliveryFailure()
    {
        Assert.Null(SmtpFailureClassifier.Classify(new InvalidOperationException("bug"), "smtp.example.com", 25));
    }

    private static CrmSignalWorker.Notifications.DeliveryException Classify(Exception exception) =>
        SmtpFailureClassifier.Classify(exception, "smtp.example.com", 25)
        ?? throw new Xunit.Sdk.XunitException($"{exception.GetType().Name} was not classified");
}
