using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Storage;

public sealed class PostgresOptions
{
    public const string SectionName = "Postgres";

    /// <summary>An Npgsql connection string. Keep the password in a secret, not in appsettings.</summary>
    [Required(ErrorMessage = "Postgres:ConnectionString is required (set Postgres__ConnectionString).")]
    public string ConnectionString { get; set; } = "";
}

[OptionsValidator]
public sealed partial class PostgresOptionsValidator : IValidateOptions<PostgresOptions>;
