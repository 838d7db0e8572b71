using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Core.Normalization;

namespace CrmSignalWorker.UnitTests.Core.Normalization;

public sealed class CdcChangeOriginClassifierTests
{
    private static readonly ChannelRules Rules = new(
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["MarketoSync"] = "Marketo", ["HubSpotConnector"] = "HubSpot" },
        ChannelRules.DefaultImportClientPrefixes);

    [Theory]
    // Lightning Experience saves go through the internal SOAP API with Salesforce's own client id.
    [InlineData("com/salesforce/api/soap/58.0;client=SfdcInternalAPI/", "Ui", null, null, "changeOrigin client=SfdcInternalAPI/ (Lightning UI)")]
    // A configured client id is a named integration, over REST or Bulk alike.
    [InlineData("com/salesforce/api/rest/62.0;client=MarketoSync", "Integration", "MarketoSync", "Marketo", "changeOrigin client=MarketoSync (integration Marketo)")]
    [InlineData("com/salesforce/api/bulkapi/62.0;client=HubSpotConnector", "Integration", "HubSpotConnector", "HubSpot", "changeOrigin client=HubSpotConnector (integration HubSpot)")]
    // Data Loader: Bulk API mode, and SOAP (partner) mode, both imports.
    [InlineData("com/salesforce/api/bulkapi/61.0;client=DataLoaderBulkUI/", "BulkImport", "DataLoaderBulkUI", null, "changeOrigin api=bulkapi client=DataLoaderBulkUI")]
    [InlineData("com/salesforce/api/soap/61.0;client=DataLoaderPartnerUI/", "BulkImport", "DataLoaderPartnerUI", null, "changeOrigin api=soap client=DataLoaderPartnerUI (import client)")]
    [InlineData("com/salesforce/api/bulkapi/62.0", "BulkImport", null, null, "changeOrigin api=bulkapi without client id")]
    // Workbench and other tools not configured: the API with the client named, not an integration.
    [InlineData("com/salesforce/api/soap/62.0;client=Workbench/", "Api", "Workbench", null, "changeOrigin api=soap client=Workbench")]
    [InlineData("com/salesforce/api/soap/62.0;client=Workato", "Api", "Workato", null, "changeOrigin api=soap client=Workato")]
    [InlineData("com/salesforce/api/rest/62.0", "Api", null, null, "changeOrigin api=rest without client id")]
    [InlineData("com/salesforce/api/soap/62.0", "Api", null, null, "changeOrigin api=soap without client id")]
    [InlineData("com/salesforce/api/xmlrpc/62.0;client=Legacy", "Api", "Legacy", null, "changeOrigin api=xmlrpc client=Legacy")]
    [InlineData("com/salesforce/api/toolingrest/62.0", "Api", null, null, "changeOrigin api=toolingrest without client id")]
    // Anonymous Apex and Apex REST run code, not a person's edit.
    [InlineData("com/salesforce/api/apex/62.0", "Automation", null, null, "changeOrigin api=apex without client id")]
    public void Classify_PopulatedOrigin_IsCertainWithEvidence(string origin, string channel, string? client, string? integration, string evidence)
    {
        var result = ChangeOriginClassifier.Classify(origin, ActorKind.Human, Rules);

        Assert.Equal(Enum.Parse<Channel>(channel), result.Channel);
        Assert.Equal(client, result.ClientName);
        Assert.Equal(integration, result.IntegrationName);
        Assert.Equal(AttributionConfidence.Certain, result.Confidence);
        Assert.Equal(evidence, result.Evidence);
    }

    [Fact]
    public void Classify_ConfiguredClientWithoutRules_IsThePlainApi()
    {
        var result = ChangeOriginClassifier.Classify("com/salesforce/api/rest/62.0;client=MarketoSync", ActorKind.Integration);

        Assert.Equal((Channel.Api, "MarketoSync", (string?)null), (result.Channel, result.ClientName, result.IntegrationName));
    }

    [Fact]
    public void Classify_OriginSettlesTheChannelWhateverTheActor()
    {
        var result = ChangeOriginClassifier.Classify("com/salesforce/api/rest/62.0;client=MarketoSync", ActorKind.Automation, Rules);

        Assert.Equal((Channel.Integration, AttributionConfidence.Certain), (result.Channel, result.Confidence));
    }

    [Fact]
    public void Classify_EmptyOriginFromAnAutomationActor_IsInferredAutomation()
    {
        var result = ChangeOriginClassifier.Classify("", ActorKind.Automation);

        Assert.Equal(Channel.Automation, result.Channel);
        Assert.Equal(AttributionConfidence.Inferred, result.Confidence);
        Assert.Equal("empty changeOrigin; commitUser is an automation actor", result.Evidence);
    }

    [Theory]
    [InlineData(ActorKind.Human)]
    [InlineData(ActorKind.Integration)]
    [InlineData(ActorKind.Unknown)]
    public void Classify_EmptyOriginFromAnyoneElse_StaysUnknownWithoutConfidence(ActorKind actor)
    {
        var result = ChangeOriginClassifier.Classify(null, actor, Rules);

        Assert.Equal((Channel.Unknown, (AttributionConfidence?)null, "empty changeOrigin"), (result.Channel, result.Confidence, result.Evidence));
    }

    [Theory]
    [InlineData("something/else")]
    [InlineData("com/salesforce/api/")]
    [InlineData("com/salesforce/api/grpc/62.0;client=Future")]
    public void Classify_UnknownShape_IsUnknownAndSaysSo(string origin)
    {
        var result = ChangeOriginClassifier.Classify(origin, ActorKind.Human, Rules);

        Assert.Equal(Channel.Unknown, result.Channel);
        Assert.Null(result.Confidence);
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

    [Theory]
    [InlineData(ActorKind.Integration, "Api", "inferred", "history row; actor is integration user")]
    [InlineData(ActorKind.Automation, "Automation", "inferred", "history row; actor is automation user")]
    [InlineData(ActorKind.Human, "Unknown", null, "history has no origin; actor is human")]
    [InlineData(ActorKind.Unknown, "Unknown", null, "history has no origin; actor unknown")]
    public void ForHistory_OnlyTheActorHints_AndAHumanStaysUnknown(ActorKind actor, string channel, string? confidence, string evidence)
    {
        var result = ChannelClassifier.ForHistory(actor);

        Assert.Equal(Enum.Parse<Channel>(channel), result.Channel);
        Assert.Equal(confidence, result.Confidence?.ToString().ToLowerInvariant());
        Assert.Equal(evidence, result.Evidence);
    }
}
