using CrmSignalWorker.Simulator.Data;

namespace CrmSignalWorker.Simulator.Query;

/// <summary>SOQL comparison rules: text ignores case, ids compare on their 15-character key, the rest by value.</summary>
internal static class ValueComparer
{
    /// <summary>Both values must be non-null and of the field's runtime type.</summary>
    public static int Compare(FieldType type, object left, object right) => type switch
    {
        FieldType.Id or FieldType.Reference => string.CompareOrdinal(Key((string)left), Key((string)right)),
        FieldType.DateTime => ((DateTimeOffset)left).CompareTo((DateTimeOffset)right),
        FieldType.Date => ((DateOnly)left).CompareTo((DateOnly)right),
        FieldType.Boolean => ((bool)left).CompareTo((bool)right),
        FieldType.Currency or FieldType.Percent or FieldType.Double => ((decimal)left).CompareTo((decimal)right),
        FieldType.AnyType => CompareAny(left, right),
        _ => string.Compare((string)left, (string)right, StringComparison.OrdinalIgnoreCase),
    };

    /// <summary>Null-aware ordering for ORDER BY.</summary>
    public static int CompareForSort(FieldType type, object? left, object? right, bool nullsFirst)
    {
        if (left is null || right is null)
        {
            var nullOrder = (left is null ? 0 : 1) - (right is null ? 0 : 1);
            return nullsFirst ? nullOrder : -nullOrder;
        }

        return Compare(type, left, right);
    }

    private static string Key(string id) => id.Length > 15 ? id[..15] : id;

    // anyType columns mix numbers and text; sorting puts numbers first, then text without case.
    private static int CompareAny(object left, object right) => (left, right) switch
    {
        (decimal l, decimal r) => l.CompareTo(r),
        (decimal, _) => -1,
        (_, decimal) => 1,
        _ => string.Compare(Convert.ToString(left, System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToString(right, System.Globalization.CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase),
    };
}
