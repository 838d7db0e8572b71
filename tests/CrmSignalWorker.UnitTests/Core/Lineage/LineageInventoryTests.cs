using CrmSignalWorker.Core.Lineage;

namespace CrmSignalWorker.UnitTests.Core.Lineage;

public sealed class LineageInventoryTests
{
    private static readonly LineageWindow Window = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 31, 0, 0, 0, TimeSpan.Zero));

    private static readonly Writer Marketo = new("integration", "Integration", "MarketoSync", null);
    private static readonly Writer Ae = new("human", "AE", null, null);
    private static readonly Writer StageFlow = new("automation", "Automation", null, "Opportunity_Stage_Flow");
    private static readonly Writer Nobody = new("unknown", null, null, null);

    private static WriterTally Tally(string field, Writer writer, string channel, long writes, string objectName = "Opportunity") =>
        new(objectName, field, writer, channel, writes);

    [Fact]
    public void Build_SharesAreEachWritersPartOfItsField_AndAddUpToOne()
    {
        var inventory = LineageInventory.Build(Window,
        [
            Tally("StageName", Marketo, "api", 30),
            Tally("StageName", Ae, "ui", 50),
            Tally("StageName", StageFlow, "automation", 20),
            Tally("Amount", Ae, "ui", 7),
        ]);

        var stage = Assert.Single(inventory.Fields, f => f.Field == "StageName");
        Assert.Equal(100, stage.Writes);
        Assert.Equal([(Ae, 0.5m), (Marketo, 0.3m), (StageFlow, 0.2m)], stage.Writers.Select(w => (w.Writer, w.Share)));
        Assert.Equal(1m, stage.Writers.Sum(w => w.Share));
        Assert.Equal(1m, Assert.Single(inventory.Fields, f => f.Field == "Amount").Writers.Single().Share);
        Assert.Equal(107, inventory.Writes);
    }

    [Fact]
    public void Build_UnknownActorsAndChannels_StayTheirOwnBucketsAndAreCounted()
    {
        var inventory = LineageInventory.Build(Window,
        [
            Tally("StageName", Ae, "unknown", 60),
            Tally("StageName", Nobody, "unknown", 25),
            Tally("StageName", Marketo, "api", 15),
        ]);

        var stage = inventory.Fields.Single();
        // Nothing is spread over the known writers: the unknown writer keeps its 25 %.
        Assert.Equal(0.25m, stage.Writers.Single(w => w.Writer == Nobody).Share);
        Assert.Equal([("unknown", 85L, 0.85m), ("api", 15L, 0.15m)], stage.Channels.Select(c => (c.Channel, c.Writes, c.Share)));
        Assert.Equal(25, inventory.UnknownActorWrites);
        Assert.Equal(85, inventory.UnknownChannelWrites);
    }

    [Fact]
    public void Build_BlankPartsAreUnknown_AndRowsOfTheSameWriterMerge()
    {
        var inventory = LineageInventory.Build(Window,
        [
            Tally("OwnerId", new Writer("human", "AE", "", " "), "ui", 3),
            Tally("OwnerId", new Writer("human", "AE", null, null), "ui", 4),
            Tally("OwnerId", new Writer("", null, null, null), "", 1),
        ]);

        var owner = inventory.Fields.Single();
        Assert.Equal([(Ae, "ui", 7L), (Nobody, "unknown", 1L)], owner.Writers.Select(w => (w.Writer, w.Channel, w.Writes)));
    }

    [Fact]
    public void Build_OrdersFieldsByObjectAndName_WritersByWritesThenByKnownParts()
    {
        var inventory = LineageInventory.Build(Window,
        [
            Tally("Status", Ae, "ui", 1, "Lead"),
            Tally("StageName", Ae, "ui", 5),
            Tally("StageName", new Writer("human", null, null, null), "ui", 5),
            Tally("Amount", Ae, "ui", 1),
            Tally("StageName", Marketo, "api", 9),
        ]);

        Assert.Equal(["Lead.Status", "Opportunity.Amount", "Opportunity.StageName"], inventory.Fields.Select(f => $"{f.ObjectName}.{f.Field}"));
        Assert.Equal(["MarketoSync/integration", "AE/human", "/human"], inventory.Fields[^1].Writers.Select(w => $"{w.Writer.ClientName ?? w.Writer.Team}/{w.Writer.ActorKind}"));
    }

    [Fact]
    public void Build_NoWrites_IsAnEmptyInventory()
    {
        var inventory = LineageInventory.Build(Window, [Tally("StageName", Ae, "ui", 0)]);

        Assert.Empty(inventory.Fields);
        Assert.Equal(0, inventory.Writes);
    }

    [Fact]
    public void Window_ThatEndsBeforeItStarts_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new LineageWindow(Window.To, Window.From));
}
