using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Core.Normalization;

namespace CrmSignalWorker.UnitTests.Core.Normalization;

public sealed class CdcChangeOriginClassifierTests
{
    [Theory]
    [InlineData("com/salesforce/api/soap/58.0;client=SfdcInternalAPI/", "Ui", null, "changeOrigin client=SfdcInternalAPI/ (Lightning UI)")]
    [InlineData("com/salesforce/api/rest/62.0;client=MarketoSync", "Api", "MarketoSync", "changeOrigin api=rest client=MarketoSync")]
    [InlineData("com/salesforce/api/soap/62.0;client=Workato", "Api", "Workato", "changeOrigin api=soap client=Workato")]
    [InlineData("com/salesforce/api/rest/62.0", "Api", null, "changeOrigin api=rest without client id")]
    [InlineData("com/salesforce/api/xmlrpc/62.0;client=Legacy", "Api", "Legacy", "changeOrigin api=xmlrpc client=Legacy")]
    [InlineData("com/salesforce/api/toolingrest/62.0", "Api", null, "changeOrigin api=toolingrest without client id")]
    [InlineData("com/salesforce/api/bulkapi/62.0;client=DataLoaderBulk", "BulkImport", "DataLoaderBulk", "changeOrigin api=bulkapi client=DataLoaderBulk")]
    [InlineData("com/salesforce/api/apex/62.0", "Automation", null, "changeOrigin api=apex without client id")]
    public void Classify_PopulatedOrigin_IsCertainWithEvidence(string origin, string channel, string? client, string evidence)
    {
        var result = ChangeOriginClassifier.Classify(origin, ActorKind.Human);

        Assert.Equal(Enum.Parse<Channel>(channel), result.Channel);
        Assert.Equal(client, result.ClientName);
        Assert.Equal(ChangeOriginConfidence.Certain, result.Confidence);
        Assert.Equal(evidence, result.Evidence);
    }

    [Fact]
    public void Classify_OriginSettlesTheChannelWhateverTheActor()
    {
        var result = ChangeOriginClassifier.Classify("com/salesforce/api/rest/62.0;client=MarketoSync", ActorKind.Automation);

        Assert.Equal((Channel.Api, ChangeOriginConfidence.Certain), (result.Channel, result.Confidence));
    }

    [Fact]
    public void Classify_EmptyOriginFromAnAutomationActor_IsInferredAutomation()
    {
        var result = ChangeOriginClassifier.Classify("", ActorKind.Automation);

        Assert.Equal(Channel.Automation, result.Channel);
        Assert.Equal(ChangeOriginConfidence.Inferred, result.Confidence);
        Assert.Equal("empty changeOrigin; commitUser is an automation actor", result.Evidence);
    }

    [Theory]
    [InlineData(ActorKind.Human)]
    [InlineData(ActorKind.Integration)]
    [InlineData(ActorKind.Unknown)]
    public void Classify_EmptyOriginFromAnyoneElse_StaysUnknown(ActorKind actor)
    {
        var result = ChangeOriginClassifier.Classify(null, actor);

        Assert.Equal((Channel.Unknown, ChangeOriginConfidence.Inferred, "empty changeOrigin"), (result.Channel, result.Confidence, result.Evidence));
    }

    [Fact]
    public void Classify_UnrecognisedOrigin_IsUnknownAndSaysSo()
    {
        var result = ChangeOriginClassifier.Classify("something/else", ActorKind.Human);

        Assert.Equal(Channel.Unknown, result.Channel);
        Assert.Contains("unrecognised changeOrigin", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_FullOrigin_SplitsApiVersionAndClient()
    {
        Assert.True(ChangeOrigin.TryParse("com/salesforce/api/soap/58.0;client=SfdcInternalAPI/", out var origin));
        Assert.Equal(new ChangeOrigin("soap", "58.0", "SfdcInternalAPI/"), origin);
        Assert.True(origin!.IsLightningUi);
        Assert.False(ChangeOrigin.TryParse("", out _));
    }
}
