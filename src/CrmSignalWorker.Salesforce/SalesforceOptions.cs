using System.ComponentModel.DataAnnotations;
using CrmSignalWorker.Core.Configuration;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Salesforce;

/// <summary>How to reach one Salesforce org. Secrets belong in environment variables or mounted secrets.</summary>
public sealed class SalesforceOptions
{
    public const string SectionName = "Salesforce";

    /// <summary>Where tokens are minted: the My Domain URL (client-credentials flow needs My Domain).</summary>
    [Required(ErrorMessage = "Salesforce:LoginUrl is required, e.g. https://mydomain.my.salesforce.com.")]
    public Uri? LoginUrl { get; set; }

    [Required(ErrorMessage = "Salesforce:ClientId is required (the connected app's consumer key).")]
    public string ClientId { get; set; } = "";

    [Required(ErrorMessage = "Salesforce:ClientSecret is required (set Salesforce__ClientSecret from a secret).")]
    public string ClientSecret { get; set; } = "";

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

    /// <summary>Rows per query page (Sforce-Query-Options batchSize); Salesforce accepts 200 to 2000 and treats it as advice.</summary>
    [SettingRange(200, 2000, ErrorMessage = "Salesforce:BatchSize must be between 200 and 2000.")]
    public int BatchSize { get; set; } = 2000;
}

[OptionsValidator]
public sealed partial class SalesforceOptionsValidator : IValidateOptions<SalesforceOptions>;
