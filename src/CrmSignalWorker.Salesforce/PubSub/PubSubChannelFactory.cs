using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using PubSubClient = CrmSignalWorker.Salesforce.PubSub.Protocol.PubSub.PubSubClient;

namespace CrmSignalWorker.Salesforce.PubSub;

/// <summary>
/// Builds the one gRPC channel (HTTP/2 connection pool) the Pub/Sub client shares. Register its result as a singleton
/// and dispose it with the host: Salesforce allows 100 concurrent streams per channel.
/// </summary>
public static class PubSubChannelFactory
{
    public static GrpcChannel Create(PubSubOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = options.Endpoint ?? throw new InvalidOperationException("PubSub:Endpoint is not set; CDC is disabled.");
        var handler = new SocketsHttpHandler
        {
            // HTTP/2 pings notice a dead connection below the stream; the silence watchdog covers a live connection with a stuck stream.
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            EnableMultipleHttp2Connections = true,
        };
        return GrpcChannel.ForAddress(endpoint, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = options.MaxReceiveMessageSize,
            ThrowOperationCanceledOnCancellation = true,
            LoggerFactory = loggerFactory,
        });
    }

    public static PubSubClient CreateClient(GrpcChannel channel) => new(channel);
}
