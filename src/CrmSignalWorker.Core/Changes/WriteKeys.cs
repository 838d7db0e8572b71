using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CrmSignalWorker.Core.Changes;

/// <summary>
/// The reconciliation key: what a write was, independent of the source that delivered it. CDC and field
/// history report the same write with different ids, so both are reduced to object, record, field, writer and
/// the second the write committed (history has one-second precision; CDC has milliseconds).
/// </summary>
/// <remarks>
/// Limits: two writes to one field of one record by one user within the same second collapse into one row; and
/// a write whose CDC commit time and history CreatedDate fall in different seconds is stored twice.
/// See docs/architecture.md.
/// </remarks>
public static class WriteKeys
{
    public static string Of(string objectName, string recordId, string field, string? actorId, DateTimeOffset changedAt, string? newValue) =>
        string.Create(CultureInfo.InvariantCulture, $"{objectName}:{recordId}:{field}:{actorId}:{changedAt.ToUnixTimeSeconds()}:{ValueKey(newValue)}");

    /// <summary>
    /// The value as both sources render it: numbers without trailing zeros (history sends 50000, CDC 50000.0), long
    /// values as a hash so the key stays short.
    /// </summary>
    internal static string ValueKey(string? value)
    {
        if (value is null)
        {
            return "";
        }

        if (decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            // Dividing by 1.000… strips trailing zeros from the decimal's scale.
            return (number / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
        }

        return value.Length <= 64 ? value : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
    }

    /// <summary>A workflow event derived from a write is the same event whichever source delivered the write.</summary>
    public static string OfDerivedEvent(WorkflowEventType type, FieldChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return string.Create(CultureInfo.InvariantCulture, $"{(int)type}:{change.WriteKey}");
    }
}
