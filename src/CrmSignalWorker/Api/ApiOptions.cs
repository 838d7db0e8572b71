using System.ComponentModel.DataAnnotations;
using CrmSignalWorker.Core.Access;
using CrmSignalWorker.Core.Configuration;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Api;

/// <summary>
/// The worker's HTTP API (GET /trace/{recordId}; the flags API of issue 6 joins it). With no token configured the API
/// is not served at all; health and metrics never need one.
/// </summary>
public sealed class ApiOptions : IValidatableObject
{
    public const string SectionName = "Api";

    /// <summary>Bearer tokens, each with its roles and the markets it may see.</summary>
    public List<ApiTokenOptions> Tokens { get; set; } = [];

    /// <summary>Entries of one trace response at most; the earliest are kept and the response says it was cut.</summary>
    [SettingRange(100, 100_000, ErrorMessage = "Api:TraceLimit must be between 100 and 100000.")]
    public int TraceLimit { get; set; } = 5000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < Tokens.Count; i++)
        {
            var token = Tokens[i];
            foreach (var problem in ApiTokenRules.Problems(i, token.Name, token.Secret, token.Roles, token.Markets))
            {
                yield return new ValidationResult(problem);
            }
        }

        var digests = Tokens.Select(t => string.IsNullOrEmpty(t.Secret) ? "" : ApiTokenRegistry.DigestText(t.Secret)).ToList();
        foreach (var conflict in ApiTokenRules.Conflicts(Tokens.Select(t => t.Name).ToList(), digests))
        {
            yield return new ValidationResult(conflict);
        }
    }
}

/// <summary>
/// One API token. Name, roles and markets are plain configuration; the secret comes from a secret store
/// (<c>Api__Tokens__0__Secret</c>, a Kubernetes Secret) and is held here only until the registry has hashed it.
/// </summary>
public sealed class ApiTokenOptions
{
    /// <summary>Names the token in logs and metrics (never the secret).</summary>
    public string? Name { get; set; }

    public string? Secret { get; set; }

    /// <summary><c>reader</c>, <c>operator</c>, or both.</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>Market values the token may see, or <c>["*"]</c> for every market.</summary>
    public List<string> Markets { get; set; } = [];
}

[OptionsValidator]
public sealed partial class ApiOptionsValidator : IValidateOptions<ApiOptions>;
