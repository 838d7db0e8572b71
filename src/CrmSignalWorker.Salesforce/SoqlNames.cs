using System.Text.RegularExpressions;

namespace CrmSignalWorker.Salesforce;

/// <summary>
/// Field and object names taken from configuration end up inside SOQL; only plain API names are
/// allowed, so a setting can never change the shape of a query.
/// </summary>
internal static partial class SoqlNames
{
    public static string Ensure(string name, string what) =>
        ApiName().IsMatch(name) ? name : throw new ArgumentException($"'{name}' is not a Salesforce {what} API name.", nameof(name));

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex ApiName();
}
