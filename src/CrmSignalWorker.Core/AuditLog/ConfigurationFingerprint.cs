using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmSignalWorker.Core.AuditLog;

/// <summary>
/// What the worker's configuration was at a start, as the audit log keeps it: each setting's name with a digest of
/// its value, so a later start can name the settings that changed without the log holding any value. Secrets are
/// kept as "set" or "unset" only: a digest of a weak password could be reversed by trying candidates.
/// </summary>
public sealed class ConfigurationFingerprint
{
    private const string Set = "set";

    private ConfigurationFingerprint(SortedDictionary<string, string> settings) => Settings = settings;

    /// <summary>Setting name to value digest (or "set" for a secret), ordered by name.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>Names that look like credentials anywhere in the key; Redis's configuration string can carry a password.</summary>
    public static bool IsSecret(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        string[] markers = ["password", "secret", "token", "privatekey", "connectionstring", "webhookurl", "apikey", "redisconfiguration"];
        var flat = key.Replace(":", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        return markers.Any(m => flat.Contains(m, StringComparison.OrdinalIgnoreCase));
    }

    public static ConfigurationFingerprint Of(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var map = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in settings)
        {
            if (value is null)
            {
                continue;
            }

            map[key] = IsSecret(key) ? Set : Digest(value);
        }

        return new ConfigurationFingerprint(map);
    }

    /// <summary>Names added, removed or changed since <paramref name="previous"/>, ordered.</summary>
    public IReadOnlyList<string> ChangedSince(ConfigurationFingerprint? previous)
    {
        if (previous is null)
        {
            return [.. Settings.Keys];
        }

        return Settings.Keys.Union(previous.Settings.Keys, StringComparer.OrdinalIgnoreCase)
            .Where(k => !string.Equals(Settings.GetValueOrDefault(k), previous.Settings.GetValueOrDefault(k), StringComparison.Ordinal))
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>The audit entry's detail: the names that changed, then the whole fingerprint for the next start.</summary>
    public string ToAuditDetail(IReadOnlyList<string> changed) =>
        JsonSerializer.Serialize(new AuditDetail { Changed = [.. changed], Settings = new Dictionary<string, string>(Settings, StringComparer.OrdinalIgnoreCase) });

    /// <summary>Reads the fingerprint an earlier start stored; null when the detail is not one.</summary>
    public static ConfigurationFingerprint? FromAuditDetail(string? detail)
    {
        if (string.IsNullOrWhiteSpace(detail))
        {
            return null;
        }

        try
        {
            var parsed = JsonSerializer.Deserialize<AuditDetail>(detail);
            return parsed?.Settings is { } map ? new ConfigurationFingerprint(new SortedDictionary<string, string>(map, StringComparer.OrdinalIgnoreCase)) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Digest(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..16];

    private sealed class AuditDetail
    {
        [JsonPropertyName("changed")]
        public List<string> Changed { get; set; } = [];

        [JsonPropertyName("settings")]
        public Dictionary<string, string>? Settings { get; set; }
    }
}
