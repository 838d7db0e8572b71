namespace CrmSignalWorker.Core.Access;

/// <summary>
/// What makes a configured API token valid. Every problem names the setting to fix (<c>Api:Tokens:2:Markets</c>); the
/// secret is only ever measured, never quoted, so a message can go to a log.
/// </summary>
public static class ApiTokenRules
{
    /// <summary>
    /// 32 characters: a random secret of that length (e.g. <c>openssl rand -hex 32</c> gives 64) cannot be guessed
    /// online, and a short one is most likely a placeholder left in place.
    /// </summary>
    public const int MinimumSecretLength = 32;

    /// <summary>Names end up in logs and metrics, so they are short and plain.</summary>
    public const int MaximumNameLength = 64;

    /// <summary>Problems of the token configured at <paramref name="index"/>; empty when it is valid.</summary>
    public static IEnumerable<string> Problems(int index, string? name, string? secret, IReadOnlyList<string>? roles, IReadOnlyList<string>? markets)
    {
        var prefix = $"Api:Tokens:{index}";
        if (string.IsNullOrWhiteSpace(name))
        {
            yield return $"{prefix}:Name is required (it names the token in logs and metrics).";
        }
        else if (name.Length > MaximumNameLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            yield return $"{prefix}:Name must be at most {MaximumNameLength} letters, digits, '-', '_' or '.'.";
        }

        if (string.IsNullOrEmpty(secret))
        {
            yield return $"{prefix}:Secret is required; supply it from a secret store, e.g. the environment variable Api__Tokens__{index}__Secret.";
        }
        else if (secret.Length < MinimumSecretLength || secret.Any(char.IsWhiteSpace))
        {
            yield return $"{prefix}:Secret must be at least {MinimumSecretLength} characters without whitespace.";
        }

        if (roles is null || roles.Count == 0)
        {
            yield return $"{prefix}:Roles must name at least one of: {string.Join(", ", ApiRoles.Known)}.";
        }
        else
        {
            foreach (var role in roles.Where(r => !ApiRoles.Known.Contains(r, StringComparer.Ordinal)))
            {
                yield return $"{prefix}:Roles holds '{role}', which is not one of: {string.Join(", ", ApiRoles.Known)}.";
            }
        }

        if (markets is null || markets.Count == 0)
        {
            yield return $"{prefix}:Markets must name at least one market, or be '*' for every market.";
        }
        else if (markets.Any(string.IsNullOrWhiteSpace))
        {
            yield return $"{prefix}:Markets holds a blank entry.";
        }
        else if (markets.Count > 1 && markets.Contains(MarketScope.AllMarketsToken, StringComparer.Ordinal))
        {
            yield return $"{prefix}:Markets mixes '*' with named markets; '*' alone means every market.";
        }
    }

    /// <summary>
    /// Problems across tokens: a name used twice makes logs ambiguous, and one secret under two tokens would make the
    /// token (and so its markets) depend on which matched first. <paramref name="secretDigests"/> are compared, not secrets.
    /// </summary>
    public static IEnumerable<string> Conflicts(IReadOnlyList<string?> names, IReadOnlyList<string> secretDigests)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(secretDigests);
        foreach (var group in names.Select((name, index) => (name, index)).Where(t => !string.IsNullOrWhiteSpace(t.name)).GroupBy(t => t.name, StringComparer.Ordinal))
        {
            if (group.Count() > 1)
            {
                yield return $"Api:Tokens:{string.Join(",", group.Select(t => t.index))}:Name are all '{group.Key}'; token names must be unique.";
            }
        }

        foreach (var group in secretDigests.Select((digest, index) => (digest, index)).Where(t => t.digest.Length > 0).GroupBy(t => t.digest, StringComparer.Ordinal))
        {
            if (group.Count() > 1)
            {
                yield return $"Api:Tokens:{string.Join(",", group.Select(t => t.index))}:Secret are the same secret; each token needs its own.";
            }
        }
    }
}
