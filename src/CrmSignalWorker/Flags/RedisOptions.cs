using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Flags;

public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>localhost:6379,password=…</c>.</summary>
    [Required(ErrorMessage = "Redis:Configuration is required (set Redis__Configuration).")]
    public string Configuration { get; set; } = "";

    /// <summary>Prefix of every key and channel; flags live at {prefix}flag:{automation}.</summary>
    [Required(ErrorMessage = "Redis:KeyPrefix is required.")]
    public string KeyPrefix { get; set; } = "crmsignal:";
}

[OptionsValidator]
public sealed partial class RedisOptionsValidator : IValidateOptions<RedisOptions>;
