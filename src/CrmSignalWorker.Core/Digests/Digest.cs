using CrmSignalWorker.Core.Lineage;
using CrmSignalWorker.Core.Signals;

namespace CrmSignalWorker.Core.Digests;

/// <summary>
/// What one daily digest says, independent of how it is rendered (Slack Block Kit, HTML, plain text).
/// </summary>
/// <param name="Key">Stable identity of this digest (audience and period); senders use it for idempotency.</param>
/// <param name="Audience">Who the digest is for, e.g. a team or market; shown in the title.</param>
/// <param name="From">First day covered (inclusive).</param>
/// <param name="To">Last day covered (inclusive).</param>
/// <param name="InstanceUrl">The org's base URL, so record ids become links; null when unknown.</param>
/// <param name="Values">Every evaluation in the period, breached or not.</param>
public sealed record Digest(
    string Key,
    string Audience,
    DateOnly From,
    DateOnly To,
    DateTimeOffset GeneratedAt,
    string? InstanceUrl,
    IReadOnlyList<SignalValue> Values)
{
    public IEnumerable<SignalValue> Breaches => Values.Where(v => v.Breached);

    /// <summary>
    /// Attribution coverage of the period's stage and owner changes, one line per object against its target; null when
    /// the composer did not work it out (renderers then leave the section out).
    /// </summary>
    public AttributionCoverage? Coverage { get; init; }
}
