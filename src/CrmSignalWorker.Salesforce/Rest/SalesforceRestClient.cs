using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CrmSignalWorker.Salesforce.Auth;
using CrmSignalWorker.Salesforce.Limits;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;

namespace CrmSignalWorker.Salesforce.Rest;

/// <summary>
/// The REST API: SOQL with nextRecordsUrl paging, Salesforce's error arrays, and API usage from
/// Sforce-Limit-Info, which every response feeds to the budget guard. Calls run through the
/// "salesforce-query" pipeline; the token is fetched outside it, through the token endpoint's own pipeline, so
/// an outage of one endpoint does not multiply the other's retries. A 401 re-authenticates once; a second 401
/// is an error. REQUEST_LIMIT_EXCEEDED is not retried: it tells the budget guard, which holds polling back.
/// </summary>
public sealed class SalesforceRestClient(
    HttpClient http,
    ISalesforceTokenProvider tokens,
    ResiliencePipelineProvider<string> pipelines,
    ApiBudgetGuard budget,
    IOptions<SalesforceOptions> options,
    ILogger<SalesforceRestClient> logger)
{
    private readonly ResiliencePipeline _pipeline = pipelines.GetPipeline(SalesforceResilience.QueryPipeline);

    /// <summary>Runs a query and yields its pages in order.</summary>
    /// <param name="includeDeleted">Use queryAll, which also returns deleted and archived rows.</param>
    public async IAsyncEnumerable<QueryPage> QueryAsync(string soql, bool includeDeleted, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(soql);
        var resource = includeDeleted ? "queryAll" : "query";
        string? path = $"/services/data/{options.Value.ApiVersion}/{resource}?q={Uri.EscapeDataString(soql)}";
        while (path is not null)
        {
            var page = await SendAsync(path, ParsePage, ct);
            yield return page;
            path = page.Done ? null : page.NextRecordsUrl;
        }
    }

    /// <summary>GETs a resource of the versioned REST API, e.g. <c>limits</c>, and parses its JSON body.</summary>
    public Task<T> GetAsync<T>(string resource, Func<JsonElement, T> parse, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resource);
        ArgumentNullException.ThrowIfNull(parse);
        return SendAsync($"/services/data/{options.Value.ApiVersion}/{resource.TrimStart('/')}", parse, ct);
    }

    private async Task<T> SendAsync<T>(string path, Func<JsonElement, T> parse, CancellationToken ct)
    {
        var token = await tokens.GetTokenAsync(ct);
        try
        {
            return await ExecuteAsync(token, path, parse, ct);
        }
        catch (SalesforceApiException rejected) when (rejected.StatusCode == HttpStatusCode.Unauthorized)
        {
            // The session expired or was revoked: one new token and one more try; a second 401 is an error.
            logger.SessionRejected(rejected.ErrorCode);
            tokens.Invalidate(token);
            token = await tokens.GetTokenAsync(ct);
            return await ExecuteAsync(token, path, parse, ct);
        }
    }

    private Task<T> ExecuteAsync<T>(SalesforceToken token, string path, Func<JsonElement, T> parse, CancellationToken ct) =>
        _pipeline.ExecuteAsync(
            static async (state, attemptToken) => await state.Client.GetOnceAsync(state.Token, state.Path, state.Parse, attemptToken),
            (Client: this, Token: token, Path: path, Parse: parse),
            ct).AsTask();

    private async Task<T> GetOnceAsync<T>(SalesforceToken token, string path, Func<JsonElement, T> parse, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(token.InstanceUrl, path));
        request.Headers.Authorization = new("Bearer", token.AccessToken);
        request.Headers.TryAddWithoutValidation("Sforce-Query-Options", $"batchSize={options.Value.BatchSize}");
        request.Headers.TryAddWithoutValidation("Sforce-Call-Options", $"client={options.Value.ClientName}");

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (response.Headers.TryGetValues("Sforce-Limit-Info", out var limitInfo))
        {
            budget.Observe(limitInfo.FirstOrDefault());
        }

        if (!response.IsSuccessStatusCode)
        {
            var error = await ReadErrorAsync(response, ct);
            if (error.IsRequestLimitExceeded)
            {
                budget.ReportLimitExceeded();
            }

            throw error;
        }

        await using var body = await response.Content.ReadAsStreamAsync(ct);
        using var document = await JsonDocument.ParseAsync(body, cancellationToken: ct);
        return parse(document.RootElement);
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
