using CrmSignalWorker.Core.Changes;

namespace CrmSignalWorker.Core.Normalization;

/// <summary>
/// Settles the channel of a CDC change from its changeOrigin and, when the origin is empty, its commit user.
/// Salesforce fills changeOrigin only for API and Lightning writes; Classic UI, and most async automation,
/// leave it empty, so an empty origin from a human stays <see cref="Channel.Unknown"/> rather than guessed.
/// </summary>
public static class ChangeOriginClassifier
{
    public static ChangeOriginChannel Classify(string? changeOrigin, ActorKind commitUserKind)
    {
        if (!ChangeOrigin.TryParse(changeOrigin, out var origin) || origin is null)
        {
            var reason = string.IsNullOrWhiteSpace(changeOrigin) ? "empty changeOrigin" : $"unrecognised changeOrigin '{changeOrigin}'";
            return FromActor(reason, commitUserKind);
        }

        if (origin.IsLightningUi)
        {
            return Certain(Channel.Ui, null, $"changeOrigin client={origin.ClientId} (Lightning UI)");
        }

        var client = string.IsNullOrWhiteSpace(origin.ClientId) ? null : origin.ClientId.Trim();
        var clientEvidence = client is null ? $"changeOrigin api={origin.Api} without client id" : $"changeOrigin api={origin.Api} client={client}";
        return origin.Api switch
        {
            "bulkapi" => Certain(Channel.BulkImport, client, clientEvidence),
            "apex" => Certain(Channel.Automation, client, clientEvidence),
            _ when ChangeOrigin.KnownApis.Contains(origin.Api) => Certain(Channel.Api, client, clientEvidence),
            _ => FromActor($"unrecognised changeOrigin api '{origin.Api}'", commitUserKind),
        };
    }

    private static ChangeOriginChannel Certain(Channel channel, string? client, string evidence) =>
        new(channel, client, ChangeOriginConfidence.Certain, evidence);

    private static ChangeOriginChannel FromActor(string reason, ActorKind commitUserKind) => commitUserKind == ActorKind.Automation
        ? new ChangeOriginChannel(Channel.Automation, null, ChangeOriginConfidence.Inferred, $"{reason}; commitUser is an automation actor")
        : new ChangeOriginChannel(Channel.Unknown, null, ChangeOriginConfidence.Inferred, reason);
}
