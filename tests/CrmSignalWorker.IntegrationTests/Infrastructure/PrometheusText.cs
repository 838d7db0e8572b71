using System.Globalization;
using System.Text.RegularExpressions;

namespace CrmSignalWorker.IntegrationTests.Infrastructure;

/// <summary>Reads samples out of a Prometheus text exposition: <c>name{label="value",…} 12.5</c>.</summary>
public static partial class PrometheusText
{
    /// <summary>The value of the first sample of <paramref name="name"/> carrying every label of <paramref name="labels"/> ("key=value").</summary>
    public static double? Value(string text, string name, params string[] labels)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var line in text.Split('\n'))
        {
            var match = Sample().Match(line);
            if (!match.Success || match.Groups["name"].Value != name)
            {
                continue;
            }

            var present = Label().Matches(match.Groups["labels"].Value).Select(m => $"{m.Groups[1].Value}={m.Groups[2].Value}").ToHashSet(StringComparer.Ordinal);
            if (labels.All(present.Contains))
            {
                return double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)""")]
    private static partial Regex Sample();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}
