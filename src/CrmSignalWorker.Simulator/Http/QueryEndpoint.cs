using System.Globalization;
using CrmSignalWorker.Simulator.Data;
using CrmSignalWorker.Simulator.Query;
using CrmSignalWorker.Simulator.Soql;
using Microsoft.AspNetCore.Http;

namespace CrmSignalWorker.Simulator.Http;

/// <summary>
/// <c>GET …/query?q=</c>, <c>…/queryAll?q=</c> and <c>GET</c> of a <c>nextRecordsUrl</c>. The first call runs the
/// whole query and, if more than one batch results, opens a cursor that later pages read from.
/// </summary>
internal sealed class QueryEndpoint(OrgDatabase database, QueryCursorStore cursors, ReceivedQueryLog log, SimulatedOrgOptions options)
{
    private const int MinimumBatchSize = 200;
    private const int MaximumBatchSize = 2000;

    public Task QueryAsync(HttpContext context) => RunAsync(context, includeDeleted: false);

    public Task QueryAllAsync(HttpContext context) => RunAsync(context, includeDeleted: true);

    public async Task NextPageAsync(HttpContext context)
    {
        if (!VersionRoute.TryRead(context, options, out var version))
        {
            await SalesforceErrors.WriteNotFoundAsync(context);
            return;
        }

        var locator = context.Request.RouteValues["locator"] as string ?? string.Empty;
        var dash = locator.LastIndexOf('-');
        var cursor = dash > 0 ? cursors.Find(locator[..dash]) : null;
        if (cursor is null
            || !int.TryParse(locator.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            || offset >= cursor.Result.Records.Count)
        {
            await SalesforceErrors.WriteAsync(context, StatusCodes.Status400BadRequest, SalesforceErrors.InvalidQueryLocator, "invalid query locator");
            return;
        }

        await WritePageAsync(context, version, cursor.Result, offset, cursor.BatchSize, locator[..dash]);
    }

    private async Task RunAsync(HttpContext context, bool includeDeleted)
    {
        if (!VersionRoute.TryRead(context, options, out var version))
        {
            await SalesforceErrors.WriteNotFoundAsync(context);
            return;
        }

        var soql = context.Request.Query["q"].ToString();
        log.Add(soql);
        if (string.IsNullOrWhiteSpace(soql))
        {
            await SalesforceErrors.WriteAsync(
                context, StatusCodes.Status400BadRequest, SoqlErrorCodes.MalformedQuery, "A query string has to be specified");
            return;
        }

        QueryResult result;
        try
        {
            var bound = new QueryBinder(database, soql).Bind(SoqlParser.Parse(soql));
            result = new QueryResult(QueryExecutor.Execute(database, bound, includeDeleted), bound.Selection);
        }
        catch (SoqlException e)
        {
            await SalesforceErrors.WriteAsync(context, StatusCodes.Status400BadRequest, e.ErrorCode, e.Message);
            return;
        }

        await WritePageAsync(context, version, result, 0, BatchSize(context.Request), cursorId: null);
    }

    private Task WritePageAsync(HttpContext context, string version, QueryResult result, int offset, int batchSize, string? cursorId)
    {
        var count = Math.Min(batchSize, result.Records.Count - offset);
        string? next = null;
        if (offset + count < result.Records.Count)
        {
            cursorId ??= cursors.Open(result, batchSize);
            next = string.Create(CultureInfo.InvariantCulture, $"/services/data/{version}/query/{cursorId}-{offset + count}");
        }

        var body = new QueryPageWriter(database, version).Write(result, offset, count, next);
        return SalesforceErrors.WriteJsonAsync(context, StatusCodes.Status200OK, body);
    }

    /// <summary><c>Sforce-Query-Options: batchSize=N</c> is advisory; values outside 200..2000 are clamped.</summary>
    private int BatchSize(HttpRequest request)
    {
        foreach (var option in request.Headers["Sforce-Query-Options"].ToString().Split(',', StringSplitOptions.TrimEntries))
        {
            var parts = option.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && parts[0].Equals("batchSize", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            {
                return Math.Clamp(size, MinimumBatchSize, MaximumBatchSize);
            }
        }

        return options.DefaultBatchSize;
    }
}
