using Avro;
using CrmSignalWorker.Salesforce.PubSub;

namespace CrmSignalWorker.UnitTests.Salesforce.PubSub;

public sealed class FieldBitmapTests
{
    /// <summary>31 fields (the doc example sets bit 30): compounds at 4 (Address) and 7 (Name), plain F{i} elsewhere.</summary>
    private static readonly RecordSchema DocSchema = (RecordSchema)Schema.Parse(
        $$$"""
        {"type":"record","name":"ThingChangeEvent","fields":[
          {"name":"ChangeEventHeader","type":{"type":"record","name":"ChangeEventHeader","fields":[{"name":"entityName","type":"string"}]}},
          {{{string.Join(",", Enumerable.Range(1, 30).Select(Field))}}}]}
        """);

    private static string Field(int index) => index switch
    {
        4 => """{"name":"Address","type":["null",{"type":"record","name":"Address","fields":[{"name":"Street","type":["null","string"]},{"name":"City","type":["null","string"]},{"name":"State","type":["null","string"]},{"name":"PostalCode","type":["null","string"]},{"name":"Country","type":["null","string"]}]}]}""",
        7 => """{"name":"Name","type":["null",{"type":"record","name":"PersonName","fields":[{"name":"Salutation","type":["null","string"]},{"name":"FirstName","type":["null","string"]},{"name":"LastName","type":["null","string"]}]}]}""",
        _ => $$"""{"name":"F{{index}}","type":["null","string"]}""",
    };

    [Fact]
    public void Decode_DocumentationExample_NamesTopLevelBitsThenCompoundChildren()
    {
        var names = FieldBitmap.Decode(["0x650004E0", "4-0x10", "7-0x06"], DocSchema);

        // 0x650004E0 sets bits 5, 6, 7, 10, 24, 26, 29, 30; Name (7) is reported by its listed children.
        Assert.Equal(["F5", "F6", "F10", "F24", "F26", "F29", "F30", "Address.Country", "Name.FirstName", "Name.LastName"], names);
    }

    [Fact]
    public void Decode_CapturedAccountChangeEvent_IsLastModifiedDateAndBillingStreet()
    {
        var names = FieldBitmap.Decode(["0x400000", "4-0x01"], AccountChangeEventSchema.Schema);

        Assert.Equal(["LastModifiedDate", "BillingAddress.Street"], names);
    }

    [Theory]
    [InlineData("0x40000", "Site")]
    [InlineData("0xC", "Type,ParentId")]
    [InlineData("0x8", "ParentId")]
    [InlineData("0x00000000000000000000002", "Name")]
    public void Decode_OddLengthOrHighNibbleHex_IsReadAsAnUnsignedBitmap(string bitmap, string expected)
    {
        Assert.Equal(expected.Split(','), FieldBitmap.Decode([bitmap], AccountChangeEventSchema.Schema));
    }

    [Fact]
    public void Decode_OddLengthNestedBitmap_NamesTheChildren()
    {
        Assert.Equal(["BillingAddress.Street", "BillingAddress.GeocodeAccuracy"], FieldBitmap.Decode(["0x0", "4-0x401"], AccountChangeEventSchema.Schema));
    }

    [Fact]
    public void Decode_Empty_IsEmpty()
    {
        Assert.Empty(FieldBitmap.Decode([], AccountChangeEventSchema.Schema));
    }

    [Fact]
    public void Decode_PlainFieldNames_PassThrough()
    {
        Assert.Equal(["StageName", "Amount"], FieldBitmap.Decode(["StageName", "Amount"], AccountChangeEventSchema.Schema));
    }

    [Theory]
    [InlineData("0x8000000000")]
    [InlineData("0xZZ")]
    [InlineData("6-0x01")]
    [InlineData("99-0x01")]
    [InlineData("4-0x1000")]
    public void Decode_BitmapTheSchemaCannotHold_ThrowsFormatException(string bitmap)
    {
        Assert.Throws<FormatException>(() => FieldBitmap.Decode([bitmap], AccountChangeEventSchema.Schema));
    }
}
