using System.Text.RegularExpressions;
using CrmSignalWorker.Notifications;

namespace CrmSignalWorker.UnitTests.Notifications;

public sealed partial class TextLimitsTests
{
    [Fact]
    public void JoinWithin_AnyBudget_StaysWithinBudgetAndAccountsForEveryItem()
    {
        var items = Enumerable.Range(0, 120).Select(i => $"item-{i}").ToList();

        for (var budget = 20; budget <= 1200; budget++)
        {
            var text = TextLimits.JoinWithin(items, ", ", budget);

            Assert.True(text.Length <= budget, $"budget {budget}: {text.Length} characters");
            var shown = text.Split(", ").Count(part => part.StartsWith("item-", StringComparison.Ordinal));
            var more = MoreNote().Match(text);
            var hidden = more.Success ? int.Parse(more.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
            Assert.Equal(items.Count, shown + hidden);
        }
    }

    [Fact]
    public void JoinWithin_EverythingFits_HasNoMoreNote()
    {
        var text = TextLimits.JoinWithin(["a", "b", "c"], ", ", 100);

        Assert.Equal("a, b, c", text);
    }

    [Fact]
    public void Truncate_CutInsideSurrogatePair_KeepsTextValidUtf16()
    {
        var text = new string('a', 8) + "😀😀😀";

        var cut = TextLimits.Truncate(text, 10);

        Assert.True(cut.Length <= 10);
        Assert.EndsWith("…", cut, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(cut[^2]));
    }

    [GeneratedRegex(@"… and (\d+) more$")]
    private static partial Regex MoreNote();
}
