using System.Globalization;
using System.Text;

namespace CrmSignalWorker.Notifications;

/// <summary>
/// Fitting text into fixed limits without hiding that something was cut: every cut says so.
/// </summary>
internal static class TextLimits
{
    public const string Ellipsis = "…";

    /// <summary>Cuts <paramref name="text"/> to at most <paramref name="maxLength"/> characters, ending in "…" when cut.</summary>
    public static string Truncate(string text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        if (text.Length <= maxLength)
        {
            return text;
        }

        var cut = maxLength - Ellipsis.Length;

        // Never split a surrogate pair: half an emoji is invalid UTF-16 and Slack rejects the payload.
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut), Ellipsis);
    }

    public static string MoreNote(int remaining) =>
        $"{Ellipsis} and {remaining.ToString(CultureInfo.InvariantCulture)} more";

    /// <summary>
    /// Joins as many <paramref name="items"/> as fit in <paramref name="budget"/> characters and, when
    /// some do not fit, ends with "… and N more". Each item is kept whole: half a link is worse than none.
    /// </summary>
    public static string JoinWithin(IReadOnlyList<string> items, string separator, int budget)
    {
        var text = new StringBuilder();
        for (var i = 0; i < items.Count; i++)
        {
            var piece = i == 0 ? items[i] : separator + items[i];
            var leftAfterThis = items.Count - i - 1;
            var noteIfStoppingAfterThis = leftAfterThis > 0 ? " " + MoreNote(leftAfterThis) : string.Empty;

            // Taking this item must still leave room to announce the ones after it; the previous
            // iteration guaranteed room for announcing this one, so stopping here always fits.
            if (text.Length + piece.Length + noteIfStoppingAfterThis.Length > budget)
            {
                text.Append(text.Length == 0 ? MoreNote(items.Count - i) : " " + MoreNote(items.Count - i));
                break;
            }

            text.Append(piece);
        }

        return text.ToString();
    }
}
