using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CrmSignalWorker.Salesforce.Auth;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;

namespace CrmSignalWorker.Salesforce.Rest;

/// <summary>
/// The REST query API: SOQL with nextRecordsUrl paging, Salesforce's error arrays, and API usage from
/// Sforce-Limit-Info. A 401 re-authenticates once; a second 401 is an error.
/// </summary>
public sealed class SalesforceRestClient(
    HttpClient http,
    ISalesforceTokenProvider tokens,
    ResiliencePipelineProvider<string> pipelines,
    SalesforceApiUsage usage,
    IOptions<SalesforceOptions> options,
    ILogger<SalesforceRestClient> logger)
{
    private readonly ResiliencePipeline _pipeline = pipelines.GetPipeline(SalesforceResilience.PipelineName);

    /// <summary>Runs a query and yields its pages in order.</summary>
    /// <param name="includeDeleted">Use queryAll, which also returns deleted and archived rows.</param>
    public async IAsyncEnumerable<QueryPage> QueryAsync(string soql, bool includeDeleted, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(soql);
        var resource = includeDeleted ? "queryAll" : "query";
        string? path = $"/services/data/{options.Value.ApiVersion}/{resource}?q={Uri.EscapeDataString(soql)}";
        while (path is not null)
        {
            var page = await GetPageAsync(path, ct);
            yield return page;
            path = page.Done ? null : page.NextRecordsUrl;
        }
    }

    private Task<QueryPage> GetPageAsync(string path, CancellationToken ct) =>
        _pipeline.ExecuteAsync(static async (state, token) => await state.Client.GetPageOnceAsync(state.Path, token), (Client: this, Path: path), ct).AsTask();

    private async Task<QueryPage> GetPageOnceAsync(string path, CancellationToken ct)
    {
        var reauthenticated = false;
        while (true)
        {
            var token = await tokens.GetTokenAsync(ct);
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(token.InstanceUrl, path));
            request.Headers.Authorization = new("Bearer", token.AccessToken);
            request.Headers.TryAddWithoutValidation("Sforce-Query-Options", $"batchSize={options.Value.BatchSize}");
            request.Headers.TryAddWithoutValidation("Sforce-Call-Options", $"client={options.Value.ClientName}");

            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if (response.Headers.TryGetValues("Sforce-Limit-Info", out var limitInfo))
            {
                usage.Record(limitInfo.FirstOrDefault());
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized && !reauthenticated)
            {
                var error = await ReadErrorAsync(response, ct);
                logger.SessionRejected(error.ErrorCode);
                tokens.Invalidate(token);
                reauthenticated = true;
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw await ReadErrorAsync(response, ct);
            }

            await using var body = await response.Content.ReadAsStreamAsync(ct);
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: ct);
            return ParsePage(document.RootElement);
        }
    }

    internal static QueryPage ParsePage(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("records", out var records) || records.ValueKind != JsonValueKind.Array)
        {
            throw new SalesforceApiException(HttpStatusCode.OK, "UNEXPECTED_RESPONSE", "query response has no records array");
        }

        var rows = new List<JsonElement>(records.GetArrayLength());
        foreach (var record in records.EnumerateArray())
        {
            rows.Add(record.Clone());
        }

        var done = !root.TryGetProperty("done", out var d) || d.ValueKind != JsonValueKind.False;
        var next = root.TryGetProperty("nextRecordsUrl", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        var total = root.TryGetProperty("totalSize", out var t) && t.TryGetInt32(out var size) ? size : rows.Count;
        return new QueryPage(total, done, next, rows);
    }

    private static async Task<SalesforceApiException> ReadErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        var (code, message) = ParseError(text);
        return new SalesforceApiException(response.StatusCode, code, message);
    }

    /// <summary>Salesforce answers errors as <c>[{"message":"…","errorCode":"…"}]</c>; anything else is reported as it came, shortened.</summary>
    internal static (string ErrorCode, string Message) ParseError(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var first = document.RootElement.ValueKind == JsonValueKind.Array && document.RootElement.GetArrayLength() > 0
                ? document.RootElement[0]
                : document.RootElement;
            if (first.ValueKind == JsonValueKind.Object)
            {
                var code = first.TryGetProperty("errorCode", out var c) ? c.GetString() : null;
                var message = first.TryGetProperty("message", out var m) ? m.GetString() : null;
                if (code is not null || message is not null)
                {
                    return (code ?? "UNKNOWN_ERROR", message ?? "");
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say): fall through and report the start of it.
        }

        var excerpt = body.Length > 200 ? body[..200] : body;
        return ("UNKNOWN_ERROR", excerpt);
    }
}
