using Microsoft.AspNetCore.Http;

namespace CrmSignalWorker.Simulator.Http;

/// <summary>Reads the <c>{version}</c> route segment; the org serves v20.0 up to its configured version.</summary>
internal static class VersionRoute
{
    private static readonly ApiVersion s_oldest = new(20, 0);

    public static bool TryRead(HttpContext context, SimulatedOrgOptions options, out string version)
    {
        version = context.Request.RouteValues["version"] as string ?? string.Empty;
        return ApiVersion.TryParse(version, out var requested)
            && ApiVersion.TryParse(options.ApiVersion, out var newest)
            && requested >= s_oldest
            && requested <= newest;
    }
}
