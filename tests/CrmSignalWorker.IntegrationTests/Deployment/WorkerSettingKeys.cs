using System.Collections;
using System.Reflection;
using CrmSignalWorker.Flags;
using CrmSignalWorker.Notifications.Email;
using CrmSignalWorker.Salesforce;
using CrmSignalWorker.Storage;

namespace CrmSignalWorker.IntegrationTests.Deployment;

/// <summary>
/// Whether a configuration key names a setting the worker binds. A misspelt key in a ConfigMap or an
/// environment variable is ignored by the configuration binder without a word, so the deployment files are
/// checked against the options classes themselves (every class with a <c>SectionName</c> constant).
/// </summary>
internal static class WorkerSettingKeys
{
    /// <summary>
    /// Sections of work done alongside the deployment files. Until their options class exists any key passes; once
    /// it exists the key must bind. None is pending now: Http and Api (the tokens) have theirs.
    /// </summary>
    private static readonly HashSet<string> PendingSections = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Read by the logging and hosting infrastructure, not by options classes.</summary>
    private static readonly HashSet<string> InfrastructureSections = new(StringComparer.OrdinalIgnoreCase) { "Logging" };

    private static readonly Lazy<Dictionary<string, Type>> Sections = new(FindSections);

    /// <returns>Null when <paramref name="key"/> (Section:Key[:…]) binds; otherwise why not.</returns>
    public static string? Check(string key)
    {
        var parts = key.Split(':');
        if (InfrastructureSections.Contains(parts[0]))
        {
            return null;
        }

        if (!Sections.Value.TryGetValue(parts[0], out var type))
        {
            return PendingSections.Contains(parts[0]) ? null : $"{key}: the worker has no configuration section '{parts[0]}'";
        }

        foreach (var part in parts.Skip(1))
        {
            if (IsCollection(type))
            {
                // A list index or a dictionary key: anything binds.
                return null;
            }

            if (IsScalar(type))
            {
                return $"{key}: {type.Name} is a value, not a section with '{part}'";
            }

            var property = type.GetProperty(part, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null || (property.SetMethod is not { IsPublic: true } && !IsCollection(property.PropertyType)))
            {
                return $"{key}: {type.Name} has no settable property '{part}'";
            }

            type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        }

        return null;
    }

    /// <returns>Null when the variable is not configuration (DOTNET_*, OTEL_*, no "__") or binds; otherwise why not.</returns>
    public static string? CheckEnvironmentVariable(string name)
    {
        if (!name.Contains("__", StringComparison.Ordinal)
            || name.StartsWith("DOTNET_", StringComparison.Ordinal)
            || name.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
            || name.StartsWith("OTEL_", StringComparison.Ordinal))
        {
            return null;
        }

        return Check(name.Replace("__", ":", StringComparison.Ordinal));
    }

    private static bool IsCollection(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Uri)
        || type == typeof(TimeSpan) || type == typeof(TimeOnly) || type == typeof(DateOnly) || type == typeof(DateTimeOffset)
        || type == typeof(DateTime) || type == typeof(Guid);

    private static Dictionary<string, Type> FindSections()
    {
        Assembly[] assemblies =
            [typeof(PostgresOptions).Assembly, typeof(SalesforceOptions).Assembly, typeof(SmtpOptions).Assembly, typeof(RedisOptions).Assembly];
        var sections = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in assemblies.Distinct().SelectMany(a => a.GetTypes()))
        {
            if (type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field
                && field.GetRawConstantValue() is string name)
            {
                sections.Add(name, type);
            }
        }

        return sections;
    }
}
