using System.ComponentModel.DataAnnotations;
using CrmSignalWorker.Core.Configuration;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Salesforce;

/// <summary>The OAuth 2.0 flow the worker authenticates with; both suit an unattended server.</summary>
public enum SalesforceAuthFlow
{
    /// <summary>Consumer key and secret; the connected app runs as its designated integration user.</summary>
    ClientCredentials,

    /// <summary>A JWT signed with the connected app certificate's private key, for a named user; no secret.</summary>
    JwtBearer,
}

/// <summary>How to reach one Salesforce org. Secrets belong in environment variables or mounted secrets.</summary>
public sealed partial class SalesforceOptions : IValidatableObject
{
    public const string SectionName = "Salesforce";

    /// <summary>Where tokens are minted: the My Domain URL (client-credentials flow needs My Domain), or login.salesforce.com for JWT.</summary>
    [Required(ErrorMessage = "Salesforce:LoginUrl is required, e.g. https://mydomain.my.salesforce.com.")]
    public Uri? LoginUrl { get; set; }

    public SalesforceAuthFlow AuthFlow { get; set; } = SalesforceAuthFlow.ClientCredentials;

    [Required(ErrorMessage = "Salesforce:ClientId is required (the connected app's consumer key).")]
    public string ClientId { get; set; } = "";

    /// <summary>For <see cref="SalesforceAuthFlow.ClientCredentials"/>.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>For <see cref="SalesforceAuthFlow.JwtBearer"/>: the Salesforce username the token is for (the JWT's sub).</summary>
    public string? Username { get; set; }

    /// <summary>For <see cref="SalesforceAuthFlow.JwtBearer"/>: a PEM file holding the certificate's RSA private key.</summary>
    public string? PrivateKeyPath { get; set; }

    /// <summary>For <see cref="SalesforceAuthFlow.JwtBearer"/>: the PEM itself, e.g. from Salesforce__PrivateKey fed by a secret.</summary>
    public string? PrivateKey { get; set; }

    /// <summary>The JWT's aud: the login host (https://login.salesforce.com, https://test.salesforce.com), not the token URL. Defaults to LoginUrl's origin.</summary>
    public string? Audience { get; set; }

    /// <summary>
    /// A token is replaced after this long even if Salesforce still accepts it. Sessions end after the org's
    /// timeout (two hours of inactivity by default) and the token response does not say when, so renewing a
    /// little earlier avoids a failed call; a 401 still renews at once.
    /// </summary>
    [SettingRange(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Salesforce:TokenLifetime must be between 1 minute and 1 day.")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(90);

    [RegularExpression(@"^v\d{2,3}\.0$", ErrorMessage = "Salesforce:ApiVersion must look like v62.0.")]
    public string ApiVersion { get; set; } = "v62.0";

    /// <summary>Sent as Sforce-Call-Options so the worker can recognise its own writes in change events.</summary>
    public string ClientName { get; set; } = "CrmSignalWorker";

    /// <summary>Timeout of one HTTP attempt; retries get their own.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Salesforce:RequestTimeout must be between 1 second and 10 minutes.")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    [SettingRange(0, 10, ErrorMessage = "Salesforce:MaxRetries must be between 0 and 10.")]
    public int MaxRetries { get; set; } = 4;

    [SettingRange(typeof(TimeSpan), "00:00:00", "00:05:00", ErrorMessage = "Salesforce:RetryBaseDelay must be between 0 and 5 minutes.")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Share of the calls in <see cref="CircuitSamplingDuration"/> that must have failed transiently for a
    /// pipeline's circuit to open. Each endpoint kind (token, query, Pub/Sub unary) has its own circuit.
    /// </summary>
    [SettingRange(typeof(double), "0.01", "1", ErrorMessage = "Salesforce:CircuitFailureRatio must be between 0.01 and 1.")]
    public double CircuitFailureRatio { get; set; } = 0.5;

    /// <summary>
    /// The window failures are counted in. It spans two history polls at the default poll interval, so a
    /// second poll into an outage opens the circuit instead of running its whole retry schedule again.
    /// </summary>
    [SettingRange(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Salesforce:CircuitSamplingDuration must be between 1 second and 1 day.")]
    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Calls the window must hold before the ratio counts: a single failed call never opens the circuit.</summary>
    [SettingRange(2, 1000, ErrorMessage = "Salesforce:CircuitMinimumThroughput must be between 2 and 1000.")]
    public int CircuitMinimumThroughput { get; set; } = 6;

    /// <summary>How long an open circuit rejects calls without sending them; then one trial call decides.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Salesforce:CircuitBreakDuration must be between 1 second and 1 day.")]
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Share of the org's daily API allocation (which every integration of the org draws on) above which the
    /// worker pauses non-essential polling — the user directory and record enrichment — and keeps reading
    /// history, which is the data.
    /// </summary>
    [SettingRange(typeof(double), "0.05", "1", ErrorMessage = "Salesforce:ApiBudgetShare must be a share between 0.05 and 1.")]
    public double ApiBudgetShare { get; set; } = 0.8;

    /// <summary>
    /// How often GET /limits is read. It keeps the budget current when nothing else calls Salesforce, and it
    /// is how a worker stopped by REQUEST_LIMIT_EXCEEDED learns that the rolling allocation has calls again.
    /// </summary>
    [SettingRange(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Salesforce:LimitsCheckInterval must be between 1 minute and 1 day.")]
    public TimeSpan LimitsCheckInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Rows per query page (Sforce-Query-Options batchSize); Salesforce accepts 200 to 2000 and treats it as advice.</summary>
    [SettingRange(200, 2000, ErrorMessage = "Salesforce:BatchSize must be between 200 and 2000.")]
    public int BatchSize { get; set; } = 2000;
}

public partial class SalesforceOptions
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AuthFlow == SalesforceAuthFlow.ClientCredentials && string.IsNullOrEmpty(ClientSecret))
        {
            yield return new ValidationResult(
                "Salesforce:ClientSecret is required for the ClientCredentials flow (set Salesforce__ClientSecret from a secret).", [nameof(ClientSecret)]);
        }

        if (AuthFlow != SalesforceAuthFlow.JwtBearer)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(Username))
        {
            yield return new ValidationResult("Salesforce:Username is required for the JwtBearer flow (the user the token is for).", [nameof(Username)]);
        }

        var hasPath = !string.IsNullOrWhiteSpace(PrivateKeyPath);
        var hasPem = !string.IsNullOrWhiteSpace(PrivateKey);
        if (hasPath == hasPem)
        {
            yield return new ValidationResult(
                "The JwtBearer flow needs exactly one of Salesforce:PrivateKeyPath or Salesforce:PrivateKey.", [nameof(PrivateKeyPath), nameof(PrivateKey)]);
        }
        else if (hasPath && !File.Exists(PrivateKeyPath))
        {
            yield return new ValidationResult($"Salesforce:PrivateKeyPath names '{PrivateKeyPath}', which does not exist.", [nameof(PrivateKeyPath)]);
        }
    }

    /// <summary>The JWT audience: <see cref="Audience"/>, or the login URL's origin.</summary>
    public string EffectiveAudience => string.IsNullOrWhiteSpace(Audience) ? LoginUrl!.GetLeftPart(UriPartial.Authority) : Audience;
}

[OptionsValidator]
public sealed partial class SalesforceOptionsValidator : IValidateOptions<SalesforceOptions>;
