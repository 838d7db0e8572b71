using System.Globalization;

namespace CrmSignalWorker.Simulator.Http;

/// <summary>A REST API version segment such as <c>v62.0</c>.</summary>
internal readonly record struct ApiVersion(int Major, int Minor) : IComparable<ApiVersion>
{
    public static bool TryParse(string? text, out ApiVersion version)
    {
        version = default;
        if (text is not { Length: >= 4 } || text[0] != 'v')
        {
            return false;
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot < 2 || dot != text.Length - 2
            || !int.TryParse(text.AsSpan(1, dot - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !char.IsAsciiDigit(text[^1]))
        {
            return false;
        }

        version = new ApiVersion(major, text[^1] - '0');
        return true;
    }

    public int CompareTo(ApiVersion other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public static bool operator <(ApiVersion left, ApiVersion right) => left.CompareTo(right) < 0;

    public static bool operator >(ApiVersion left, ApiVersion right) => left.CompareTo(right) > 0;

    public static bool operator <=(ApiVersion left, ApiVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ApiVersion left, ApiVersion right) => left.CompareTo(right) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"v{Major}.{Minor}");
}
