using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CrmSignalWorker.Simulator.Hosting;

/// <summary>
/// Builds a bare Kestrel app on 127.0.0.1. It starts from the empty builder so no appsettings.json,
/// environment variable or Kestrel section of the hosting process can add endpoints or change behaviour.
/// </summary>
internal static class LoopbackHost
{
    public static WebApplicationBuilder CreateBuilder(int port)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, port);
        });
        builder.Services.AddSingleton<IHostLifetime, DetachedHostLifetime>();
        return builder;
    }

    /// <summary>The address Kestrel actually bound, which matters when port 0 asked it to pick one.</summary>
    public static Uri BoundAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        var address = new Uri(addresses.First());
        return new Uri($"http://127.0.0.1:{address.Port}");
    }
}
