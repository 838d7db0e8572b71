namespace CrmSignalWorker.Core.Changes;

/// <summary>The write path of a change, how sure that is, and what settled it; the trace shows all three.</summary>
/// <param name="ClientName">The API client id (e.g. <c>MarketoSync</c>) for API and bulk writes that set one, without a trailing slash.</param>
/// <param name="IntegrationName">The configured integration the client id names (<c>Attribution:Integrations</c>), or null.</param>
/// <param name="Confidence">Null when no rule settled the channel (<see cref="Channel.Unknown"/>).</param>
/// <param name="Evidence">Short human-readable reason, e.g. <c>changeOrigin client=MarketoSync (integration Marketo)</c>.</param>
public sealed record ChannelAttribution(Channel Channel, string? ClientName, string? IntegrationName, AttributionConfidence? Confidence, string Evidence)
{
    /// <summary>The evidence stamped on a write its automation announced through <c>Workflow_Event__e</c>.</summary>
    public static string AnnouncedBy(string automationId) => "Workflow_Event__e automation=" + automationId;

    public static ChannelAttribution Unsettled(string evidence) => new(Channel.Unknown, null, null, null, evidence);
}
