using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace CrmSignalWorker.Simulator.PubSub;

/// <summary>
/// The second loopback endpoint, for gRPC: HTTP/2 only, because on cleartext Kestrel speaks HTTP/2 (h2c, prior knowledge)
/// only on an endpoint limited to it. The REST endpoint stays HTTP/1.1.
/// </summary>
internal sealed class PubSubListener
{
    private ListenOptions? _listen;

    /// <summary>The bound port; Kestrel updates the endpoint when port 0 asked it to pick one.</summary>
    public int Port => (_listen?.IPEndPoint ?? throw new InvalidOperationException("The Pub/Sub listener is not configured.")).Port;

    public Uri Url => new($"http://127.0.0.1:{Port}");

    public static PubSubListener AddTo(WebApplicationBuilder builder, int port)
    {
        var listener = new PubSubListener();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            listener._listen = listen;
        }));
        return listener;
    }
}
