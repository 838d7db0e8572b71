namespace CrmSignalWorker.Simulator.Data;

/// <summary>Salesforce record ids: a 15-character case-sensitive key plus the 3-character case-folding checksum.</summary>
internal static class SalesforceId
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string ChecksumAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    public static char Base62Digit(int value) => Base62[value];

    /// <summary>Builds prefix + pod + reserved '0' + 9 base-62 digits, so ordinal order of ids follows <paramref name="sequence"/>.</summary>
    public static string Create(string prefix, string pod, long sequence)
    {
        Span<char> key = stackalloc char[15];
        prefix.AsSpan().CopyTo(key);
        pod.AsSpan().CopyTo(key[3..]);
        key[5] = '0';
        for (var i = 14; i >= 6; i--)
        {
            key[i] = Base62[(int)(sequence % 62)];
            sequence /= 62;
        }

        return To18(new string(key));
    }

    /// <summary>Appends the checksum that makes an id safe in case-insensitive systems.</summary>
    public static string To18(string id15)
    {
        if (id15.Length != 15)
        {
            throw new ArgumentException("A 15-character id is required.", nameof(id15));
        }

        Span<char> id = stackalloc char[18];
        id15.AsSpan().CopyTo(id);
        for (var chunk = 0; chunk < 3; chunk++)
        {
            var bits = 0;
            for (var i = 0; i < 5; i++)
            {
                if (char.IsAsciiLetterUpper(id15[(chunk * 5) + i]))
                {
                    bits |= 1 << i;
                }
            }

            id[15 + chunk] = ChecksumAlphabet[bits];
        }

        return new string(id);
    }

    /// <summary>True for 15- or 18-character alphanumeric text, the only shapes an id literal may take.</summary>
    public static bool IsWellFormed(string text) =>
        text.Length is 15 or 18 && text.All(char.IsAsciiLetterOrDigit);

    /// <summary>Ids compare on their case-sensitive 15-character key, whatever length each side uses.</summary>
    public static bool KeysEqual(string left, string right) =>
        left.Length >= 15 && right.Length >= 15 && left.AsSpan(0, 15).SequenceEqual(right.AsSpan(0, 15));
}
