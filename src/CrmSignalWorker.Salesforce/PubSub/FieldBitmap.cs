using System.Globalization;
using System.Numerics;
using Avro;

namespace CrmSignalWorker.Salesforce.PubSub;

/// <summary>
/// Decodes the bitmap form Pub/Sub uses for changedFields, nulledFields and diffFields. Element 0, when it starts
/// with <c>0x</c>, is a hex bitmap over the event record's fields (bit i = Avro field index i, LSB first). Later
/// elements <c>&lt;parentIndex&gt;-0x…</c> are bitmaps over the fields of the compound field at that index (after
/// unwrapping its union), named <c>Parent.Child</c>.
/// </summary>
public static class FieldBitmap
{
    private const string HexPrefix = "0x";

    /// <summary>
    /// Field names, top-level ones first in index order, then compound children in the order given. A compound
    /// whose children are listed is reported by its children only, which say more than the parent's name.
    /// Elements that are not bitmaps (plain field names, as CometD and Apex send) are passed through.
    /// </summary>
    /// <exception cref="FormatException">A bitmap is malformed or names a field the schema does not have.</exception>
    public static IReadOnlyList<string> Decode(IEnumerable<string> bitmap, RecordSchema schema)
    {
        ArgumentNullException.ThrowIfNull(bitmap);
        ArgumentNullException.ThrowIfNull(schema);

        var topLevel = new List<int>();
        var nested = new List<string>();
        var parentsWithChildren = new HashSet<int>();
        var plain = new List<string>();
        foreach (var element in bitmap)
        {
            if (string.IsNullOrEmpty(element))
            {
                continue;
            }

            if (element.StartsWith(HexPrefix, StringComparison.OrdinalIgnoreCase))
            {
                topLevel.AddRange(SetBits(element[HexPrefix.Length..], schema.Count, schema.Name));
                continue;
            }

            var dash = element.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && int.TryParse(element.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var parentIndex))
            {
                var children = DecodeNested(parentIndex, element[(dash + 1)..], schema);
                if (children.Count > 0)
                {
                    parentsWithChildren.Add(parentIndex);
                    nested.AddRange(children);
                }

                continue;
            }

            plain.Add(element);
        }

        var names = topLevel
            .Where(index => !parentsWithChildren.Contains(index))
            .Select(index => schema.Fields[index].Name)
            .Concat(nested)
            .Concat(plain);
        return names.Distinct(StringComparer.Ordinal).ToList();
    }

    private static List<string> DecodeNested(int parentIndex, string bitmap, RecordSchema schema)
    {
        if (parentIndex >= schema.Count)
        {
            throw new FormatException($"Bitmap names compound field {parentIndex}, but {schema.Name} has {schema.Count} fields.");
        }

        if (!bitmap.StartsWith(HexPrefix, StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"Nested bitmap '{parentIndex}-{bitmap}' does not hold a 0x hex bitmap.");
        }

        var parent = schema.Fields[parentIndex];
        var compound = CompoundOf(parent.Schema)
            ?? throw new FormatException($"Bitmap names children of {parent.Name}, which is not a compound (record) field.");
        return SetBits(bitmap[HexPrefix.Length..], compound.Count, parent.Name)
            .Select(index => parent.Name + "." + compound.Fields[index].Name)
            .ToList();
    }

    /// <summary>The record of a compound field: the field's own record schema, or the record branch of its union.</summary>
    internal static RecordSchema? CompoundOf(Schema schema) => schema switch
    {
        RecordSchema record => record,
        UnionSchema union => union.Schemas.OfType<RecordSchema>().FirstOrDefault(),
        _ => null,
    };

    private static IEnumerable<int> SetBits(string hex, int fieldCount, string recordName)
    {
        // Salesforce drops leading zeros, so the hex can have an odd number of digits; the leading 0 also keeps it unsigned.
        if (!BigInteger.TryParse("0" + hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var bits))
        {
            throw new FormatException($"'{HexPrefix}{hex}' is not a hex bitmap.");
        }

        var length = (int)bits.GetBitLength();
        if (length > fieldCount)
        {
            throw new FormatException($"Bitmap '{HexPrefix}{hex}' sets bit {length - 1}, but {recordName} has {fieldCount} fields.");
        }

        for (var index = 0; index < length; index++)
        {
            if (!(bits >> index).IsEven)
            {
                yield return index;
            }
        }
    }
}
