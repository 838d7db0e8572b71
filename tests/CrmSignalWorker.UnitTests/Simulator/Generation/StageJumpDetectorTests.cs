using CrmSignalWorker.Simulator;
using CrmSignalWorker.Simulator.Generation;

namespace CrmSignalWorker.UnitTests.Simulator.Generation;

public sealed class StageJumpDetectorTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void FindJumpers_TwoChangesExactly24HoursApart_IsJumper()
    {
        var jumpers = StageJumpDetector.FindJumpers([Stage("A", s_t0), Stage("A", s_t0.AddHours(24))]);

        Assert.Equal(["A"], jumpers);
    }

    [Fact]
    public void FindJumpers_ChangesJustOver24HoursApart_IsNotJumper()
    {
        var jumpers = StageJumpDetector.FindJumpers([Stage("A", s_t0), Stage("A", s_t0.AddHours(24).AddSeconds(1)), Stage("A", s_t0.AddDays(3))]);

        Assert.Empty(jumpers);
    }

    [Fact]
    public void FindJumpers_OtherFieldsInsideWindow_AreIgnored()
    {
        var amount = Stage("B", s_t0.AddMinutes(5)) with { Field = "Amount" };

        var jumpers = StageJumpDetector.FindJumpers([Stage("B", s_t0), amount, Stage("C", s_t0.AddMinutes(1))]);

        Assert.Empty(jumpers);
    }

    [Fact]
    public void FindJumpers_UnorderedRows_AreSortedFirst()
    {
        var jumpers = StageJumpDetector.FindJumpers([Stage("D", s_t0.AddDays(5)), Stage("D", s_t0), Stage("D", s_t0.AddDays(5).AddHours(1))]);

        Assert.Equal(["D"], jumpers);
    }

    private static SimFieldHistory Stage(string parent, DateTimeOffset at) =>
        new("017000000000000AAA", parent, "StageName", "Picklist", "Prospecting", "Qualification", "005000000000000AAA", at, false);
}
