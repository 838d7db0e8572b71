using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace CrmSignalWorker.Salesforce.Auth;

/// <summary>
/// Tokens from the org's OAuth 2.0 token endpoint, through one grant (client credentials or JWT bearer). One
/// token is shared by all callers and renewed after Salesforce:TokenLifetime; a single-flight lock keeps
/// concurrent 401s from minting a token each. Requests run through the "salesforce-token" pipeline.
/// </summary>
public sealed class SalesforceTokenProvider(
    HttpClient http,
    ISalesforceGrant grant,
    IOptions<SalesforceOptions> options,
    TimeProvider timeProvider,
    ILogger<SalesforceTokenProvider> logger,
    ResiliencePipeline pipeline) : ISalesforceTokenProvider, IDisposable
{
    /// <summary>Without retries, timeout or circuit: for tools and tests that call the endpoint once.</summary>
    public SalesforceTokenProvider(
        HttpClient http, ISalesforceGrant grant, IOptions<SalesforceOptions> options, TimeProvider timeProvider, ILogger<SalesforceTokenProvider> logger)
        : this(http, grant, options, timeProvider, logger, ResiliencePipeline.Empty)
    {
    }

    private readonly SemaphoreSlim _gate = new(1, 1);
    private SalesforceToken? _current;

    public async Task<SalesforceToken> GetTokenAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _current) is { } cached && IsFresh(cached))
        {
            return cached;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (_current is null || !IsFresh(_current))
            {
                _current = await RequestResilientlyAsync(ct);
            }

            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Invalidate(SalesforceToken rejected) => Interlocked.CompareExchange(ref _current, null, rejected);

    public void Dispose() => _gate.Dispose();

    private bool IsFresh(SalesforceToken token) => timeProvider.GetUtcNow() - token.IssuedAt < options.Value.TokenLifetime;

    /// <summary>
    /// Callers (the REST client, the Pub/Sub subscriber) treat a transient <see cref="SalesforceAuthException"/>
    /// as "try again later", so an open circuit or a timed-out last attempt is reported as one.
    /// </summary>
    private async Task<SalesforceToken> RequestResilientlyAsync(CancellationToken ct)
    {
        try
        {
            return await pipeline.ExecuteAsync(static async (provider, token) => await provider.RequestAsync(token), this, ct);
        }
        catch (BrokenCircuitException ex)
        {
            throw new SalesforceAuthException(
                "The Salesforce token endpoint kept failing; its circuit is open until Salesforce:CircuitBreakDuration has passed.", ex, isTransient: true);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new SalesforceAuthException("The Salesforce token endpoint did not answer in time (Salesforce:RequestTimeout).", ex, isTransient: true);
        }
    }

    private async Task<SalesforceToken> RequestAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var endpoint = new Uri(settings.LoginUrl!, "/services/oauth2/token");
        using var body = new FormUrlEncodedContent(grant.CreateForm(timeProvider.GetUtcNow()));

        using var response = await http.PostAsync(endpoint, body, ct);
        if (!response.IsSuccessStatusCode)
        {
            var error = await ReadErrorAsync(response, ct);
            logger.TokenRefused(endpoint.Host, grant.Name, (int)response.StatusCode, error);
            throw new SalesforceAuthException(
                $"Salesforce token request ({grant.Name}) to {endpoint.Host} failed with {(int)response.StatusCode}: {error}",
                isTransient: (int)response.StatusCode >= 500);
        }

        var token = await response.Content.ReadFromJsonAsync<TokenResponse>(ct)
            ?? throw new SalesforceAuthException("Salesforce token response was empty.");
        if (string.IsNullOrEmpty(token.AccessToken) || !Uri.TryCreate(token.InstanceUrl, UriKind.Absolute, out var instance))
        {
            throw new SalesforceAuthException("Salesforce token response lacked access_token or a valid instance_url.");
        }

        var issued = new SalesforceToken(token.AccessToken, instance, OrgIdOf(token.Id), timeProvider.GetUtcNow());
        logger.TokenIssued(instance.Host, issued.OrgId);
        return issued;
    }

    /// <summary>The identity URL ends in /id/{orgId}/{userId}.</summary>
    internal static string? OrgIdOf(string? identityUrl)
    {
        if (identityUrl is null)
        {
            return null;
        }

        var parts = identityUrl.TrimEnd('/').Split('/');
        return parts.Length >= 3 && parts[^3] == "id" ? parts[^2] : null;
    }

    private static async Task<string> ReadErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var error = await response.Content.ReadFromJsonAsync<TokenError>(ct);
            return error is null ? "no error body" : $"{error.Error} ({error.Description})";
        }
        catch (JsonException)
        {
            return "unreadable error body";
        }
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("instance_url")] string? InstanceUrl,
        [property: JsonPropertyName("id")] string? Id);

    private sealed record TokenError(
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("error_description")] string? Description);
}
