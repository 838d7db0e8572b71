using System.Security.Claims;
using CrmSignalWorker.Storage.Trace;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Api;

/// <summary>GET /trace/{recordId}: the record's timeline as the caller's token may see it.</summary>
public static class TraceEndpoint
{
    public const string Route = "/trace/{recordId}";

    /// <summary>Longer than any Salesforce id; a longer one cannot exist and is not worth a query.</summary>
    private const int MaximumRecordIdLength = 64;

    public static async Task<IResult> HandleAsync(string recordId, ClaimsPrincipal user, TimelineReader reader, IOptions<ApiOptions> options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        if (recordId.Length > MaximumRecordIdLength)
        {
            return NotFound();
        }

        var timeline = await reader.ReadAsync(ApiCallerClaims.Markets(user), recordId, options.Value.TraceLimit, ct);
        // Invisible and absent read alike: the answer must not tell a caller that a record exists in another market.
        return timeline.IsEmpty ? NotFound() : Results.Json(TraceResponse.From(timeline));
    }

    private static IResult NotFound() => Results.Json(new { error = "not_found" }, statusCode: StatusCodes.Status404NotFound);
}
