using CrmSignalWorker.Core.Changes;

namespace CrmSignalWorker.Core.Normalization;

/// <summary>
/// Settles the channel of a CDC change from its changeOrigin and, when the origin is empty, its commit user. The rules,
/// in the order they apply, are the table in docs/architecture.md ("Channel rules").
/// </summary>
/// <remarks>
/// Salesforce fills changeOrigin only for API and Lightning writes; Classic UI and most async automation leave it empty,
/// so an empty origin from anyone but an automation user stays <see cref="Channel.Unknown"/> rather than guessed.
/// </remarks>
public static class ChangeOriginClassifier
{
    public static ChannelAttribution Classify(string? changeOrigin, ActorKind commitUserKind, ChannelRules? rules = null)
    {
        rules ??= ChannelRules.Default;
        if (!ChangeOrigin.TryParse(changeOrigin, out var origin) || origin is null)
        {
            var reason = string.IsNullOrWhiteSpace(changeOrigin) ? "empty changeOrigin" : $"unrecognised changeOrigin '{changeOrigin}'";
            return FromActor(reason, commitUserKind);
        }

        if (origin.IsLightningUi)
        {
            return Certain(Channel.Ui, null, null, $"changeOrigin client={origin.ClientId} (Lightning UI)");
        }

        var client = ClientNameOf(origin.ClientId);
        if (client is not null && rules.IntegrationOf(client) is { } integration)
        {
            // A named integration is the most specific answer, whichever API it used.
            return Certain(Channel.Integration, client, integration, $"changeOrigin client={client} (integration {integration})");
        }

        var evidence = client is null ? $"changeOrigin api={origin.Api} without client id" : $"changeOrigin api={origin.Api} client={client}";
        if (origin.Api == "bulkapi")
        {
            return Certain(Channel.BulkImport, client, null, evidence);
        }

        if (client is not null && rules.IsImportClient(client))
        {
            return Certain(Channel.BulkImport, client, null, evidence + " (import client)");
        }

        return origin.Api switch
        {
            "apex" => Certain(Channel.Automation, client, null, evidence),
            _ when ChangeOrigin.KnownApis.Contains(origin.Api) => Certain(Channel.Api, client, null, evidence),
            _ => FromActor($"unrecognised changeOrigin api '{origin.Api}'", commitUserKind),
        };
    }

    /// <summary>The client id as a name: trimmed, without the trailing slash some Salesforce clients add.</summary>
    public static string? ClientNameOf(string? clientId)
    {
        var name = clientId?.Trim().TrimEnd('/');
        return string.IsNullOrEmpty(name) ? null : name;
    }

    private static ChannelAttribution Certain(Channel channel, string? client, string? integration, string evidence) =>
        new(channel, client, integration, AttributionConfidence.Certain, evidence);

    // An integration user writing with an empty origin is not an API call (Salesforce fills the origin for those), so only
    // the automation user settles anything here.
    private static ChannelAttribution FromActor(string reason, ActorKind commitUserKind) => commitUserKind == ActorKind.Automation
        ? new ChannelAttribution(Channel.Automation, null, null, AttributionConfidence.Inferred, $"{reason}; commitUser is an automation actor")
        : ChannelAttribution.Unsettled(reason);
}
