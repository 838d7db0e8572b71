using System.ComponentModel.DataAnnotations;
using CrmSignalWorker.Core.Configuration;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Salesforce.PubSub;

/// <summary>
/// How to subscribe to Change Data Capture through the Salesforce Pub/Sub API (gRPC). Authentication reuses
/// the <c>Salesforce</c> section's token; this section only says where and how to stream.
/// </summary>
public sealed class PubSubOptions
{
    public const string SectionName = "PubSub";

    /// <summary>The Pub/Sub API endpoint, e.g. <c>https://api.pubsub.salesforce.com:7443</c>; null disables CDC.</summary>
    [AbsoluteEndpoint(ErrorMessage = "PubSub:Endpoint must be an absolute http(s) URL such as https://api.pubsub.salesforce.com:7443.")]
    public Uri? Endpoint { get; set; }

    /// <summary>CDC channels to subscribe to, one stream each. Channel names are case-sensitive.</summary>
    public static IReadOnlyList<string> DefaultTopics { get; } = ["/data/OpportunityChangeEvent", "/data/LeadChangeEvent"];

    /// <summary>
    /// Channels to subscribe to; empty means <see cref="DefaultTopics"/> (see <see cref="ApplyDefaults"/>). The list
    /// starts empty because the configuration binder appends to a list instead of replacing it.
    /// </summary>
    public List<string> Topics { get; set; } = [];

    /// <summary>Fills <see cref="Topics"/> when configuration left it empty; run after binding.</summary>
    public void ApplyDefaults()
    {
        if (Topics.Count == 0)
        {
            Topics.AddRange(DefaultTopics);
        }
    }

    /// <summary>
    /// The platform-event channel Flows publish workflow steps on (automation id, correlation id); empty disables it.
    /// </summary>
    public string WorkflowEventTopic { get; set; } = "/event/Workflow_Event__e";

    /// <summary>Where a stream with no stored replay id starts: only new events, or every event still retained (72 h).</summary>
    public InitialReplay InitialReplay { get; set; } = InitialReplay.Latest;

    /// <summary>Every channel to stream: <see cref="Topics"/> and the workflow-event channel.</summary>
    public IReadOnlyList<string> AllTopics =>
        string.IsNullOrWhiteSpace(WorkflowEventTopic) || Topics.Contains(WorkflowEventTopic, StringComparer.Ordinal)
            ? Topics
            : [.. Topics, WorkflowEventTopic];

    /// <summary>Flow-control credit (num_requested) granted at a time; Salesforce caps outstanding credit at 100.</summary>
    [SettingRange(1, 100, ErrorMessage = "PubSub:BatchSize must be between 1 and 100 (Salesforce's cap on outstanding events).")]
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// Most events one transaction commits. A change stream commits several responses together (a response holds at
    /// most <see cref="BatchSize"/> events, often far fewer), since a transaction's fixed cost dwarfs a row's; the rows
    /// and the replay id of their last event still commit together, so a crash re-delivers at most this many events.
    /// </summary>
    [SettingRange(1, 10000, ErrorMessage = "PubSub:CommitMaxEvents must be between 1 and 10000.")]
    public int CommitMaxEvents { get; set; } = 1000;

    /// <summary>
    /// Longest a received event waits for more before its batch is committed anyway, so a slow stream's events are
    /// stored (and the stream lag and quiet-stream alerts see them) promptly. Zero commits whatever has arrived.
    /// </summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "00:00:01", ErrorMessage = "PubSub:CommitLinger must be between 0 and 1 second.")]
    public TimeSpan CommitLinger { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Salesforce sends an empty keep-alive response within 270 s while credit is outstanding.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00.100", "01:00:00", ErrorMessage = "PubSub:KeepAliveInterval must be between 100 milliseconds and 1 hour.")]
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(270);

    /// <summary>
    /// A stream that sends nothing, not even a keep-alive, for <see cref="KeepAliveInterval"/> × this factor is
    /// presumed dead (a half-open connection) and is torn down and resubscribed from the last replay id.
    /// </summary>
    [SettingRange(typeof(double), "1.0", "10.0", ErrorMessage = "PubSub:SilenceTolerance must be between 1.0 and 10.0.")]
    public double SilenceTolerance { get; set; } = 2.0;

    /// <summary>Deadline of unary calls such as GetSchema.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "PubSub:CallDeadline must be between 1 second and 5 minutes.")]
    public TimeSpan CallDeadline { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest gRPC response accepted. One event can be 1 MB and a response carries many; .NET's default of 4 MB is too small.</summary>
    [SettingRange(16 * 1024 * 1024, 512 * 1024 * 1024, ErrorMessage = "PubSub:MaxReceiveMessageSize must be between 16 MB (16777216) and 512 MB (536870912) bytes.")]
    public int MaxReceiveMessageSize { get; set; } = 16 * 1024 * 1024;

    /// <summary>First wait before resubscribing after a transient failure; doubles with each consecutive failure.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "PubSub:ReconnectBaseDelay must be between 0 and 1 minute.")]
    public TimeSpan ReconnectBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    [SettingRange(typeof(TimeSpan), "00:00:00", "00:30:00", ErrorMessage = "PubSub:ReconnectMaxDelay must be between 0 and 30 minutes.")]
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Consecutive failed resubscriptions (no response in between) before the subscriber gives up and throws.</summary>
    [SettingRange(1, 1000, ErrorMessage = "PubSub:MaxReconnectAttempts must be between 1 and 1000.")]
    public int MaxReconnectAttempts { get; set; } = 10;

    public bool Enabled => Endpoint is not null;

    /// <summary>How long a stream may stay silent before it is presumed dead.</summary>
    public TimeSpan SilenceTimeout => KeepAliveInterval * SilenceTolerance;
}

public enum InitialReplay
{
    Latest = 0,
    Earliest = 1,
}

[OptionsValidator]
public sealed partial class PubSubOptionsValidator : IValidateOptions<PubSubOptions>;
