using CrmSignalWorker.Salesforce.PubSub;
using Grpc.Core;

namespace CrmSignalWorker.UnitTests.Salesforce.PubSub;

public sealed class PubSubFailureTests
{
    private static RpcException Failure(StatusCode status, string? errorCode, string detail = "failed rpcId: 4a5b6c7d-0000-4000-8000-000000000001")
    {
        var trailers = new Metadata();
        if (errorCode is not null)
        {
            trailers.Add(PubSubErrorCodes.TrailerKey, errorCode);
        }

        return new RpcException(new Status(status, detail), trailers);
    }

    [Theory]
    [InlineData(StatusCode.InvalidArgument, PubSubErrorCodes.ReplayIdCorrupted, "ReplayIdRejected")]
    [InlineData(StatusCode.InvalidArgument, PubSubErrorCodes.ReplayIdValidationFailed, "ReplayIdRejected")]
    [InlineData(StatusCode.ResourceExhausted, PubSubErrorCodes.SubscriptionLimitExceeded, "LimitExceeded")]
    [InlineData(StatusCode.Unauthenticated, PubSubErrorCodes.AuthError, "Unauthenticated")]
    [InlineData(StatusCode.PermissionDenied, PubSubErrorCodes.AuthError, "Unauthenticated")]
    [InlineData(StatusCode.Unauthenticated, null, "Unauthenticated")]
    [InlineData(StatusCode.Unavailable, null, "Transient")]
    [InlineData(StatusCode.Internal, null, "Transient")]
    [InlineData(StatusCode.FailedPrecondition, PubSubErrorCodes.ServiceUnavailable, "Transient")]
    [InlineData(StatusCode.NotFound, "sfdc.platform.eventbus.grpc.topic.not.found", "Fatal")]
    [InlineData(StatusCode.PermissionDenied, "sfdc.platform.eventbus.grpc.topic.meta.permission", "Fatal")]
    public void Of_StatusAndErrorCode_ClassifiesTheFailure(StatusCode status, string? errorCode, string kind)
    {
        Assert.Equal(Enum.Parse<PubSubFailureKind>(kind), PubSubFailure.Of(Failure(status, errorCode), null).Kind);
    }

    [Fact]
    public void Of_ResetStream_IsTransient()
    {
        Assert.Equal(PubSubFailureKind.Transient, PubSubFailure.Of(Failure(StatusCode.Unknown, null, "RST_STREAM closed stream"), null).Kind);
    }

    [Fact]
    public void Of_RpcIdInDescription_IsExtracted()
    {
        var failure = PubSubFailure.Of(Failure(StatusCode.InvalidArgument, PubSubErrorCodes.ReplayIdCorrupted, "The Replay ID validation failed. rpcId: 4a5b6c7d-0000-4000-8000-000000000001"), null);

        Assert.Equal("4a5b6c7d-0000-4000-8000-000000000001", failure.RpcId);
        Assert.Contains(PubSubErrorCodes.ReplayIdCorrupted, failure.Describe(), StringComparison.Ordinal);
    }
}
