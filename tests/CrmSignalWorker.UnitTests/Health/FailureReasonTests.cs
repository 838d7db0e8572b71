using System.Net.Sockets;
using CrmSignalWorker.Health;
using CrmSignalWorker.Salesforce.Auth;
using Npgsql;

namespace CrmSignalWorker.UnitTests.Health;

public sealed class FailureReasonTests
{
    [Theory]
    [InlineData(45, "45s")]
    [InlineData(725, "12m 5s")]
    [InlineData(12_000, "3h 20m")]
    [InlineData(187_200, "2d 4h")]
    [InlineData(-5, "0s")]
    public void Duration_ReadsAsPeopleWriteIt(int seconds, string expected) =>
        Assert.Equal(expected, FailureReason.Duration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void RefusedConnection_NamesTheSocketError() =>
        Assert.Equal(
            "cannot connect: ConnectionRefused",
            FailureReason.Of(new NpgsqlException("Failed to connect to 127.0.0.1:1", new SocketException((int)SocketError.ConnectionRefused))));

    [Fact]
    public void RefusedToken_KeepsTheOAuthErrorOnly() =>
        Assert.Equal(
            "failed with 400: invalid_client",
            FailureReason.Of(new SalesforceAuthException("failed with 400: invalid_client")));

    [Fact]
    public void UnknownFailure_IsNamedByTypeNotByMessage() =>
        Assert.Equal("InvalidOperationException", FailureReason.Of(new InvalidOperationException("password=hunter2")));
}
