using CrmSignalWorker.Salesforce.PubSub.Protocol;

namespace CrmSignalWorker.Salesforce.PubSub;

/// <summary>Where a subscription starts: the tip (LATEST), the oldest retained event (EARLIEST), or after a stored replay id (CUSTOM).</summary>
public sealed class ReplayStart
{
    private readonly byte[]? _replayId;

    private ReplayStart(ReplayPreset preset, byte[]? replayId)
    {
        Preset = preset;
        _replayId = replayId;
    }

    /// <summary>New events only.</summary>
    public static ReplayStart Latest { get; } = new(ReplayPreset.Latest, null);

    /// <summary>Every event still retained (72 hours).</summary>
    public static ReplayStart Earliest { get; } = new(ReplayPreset.Earliest, null);

    public ReplayPreset Preset { get; }

    /// <summary>The replay id to resume after (a copy); null for LATEST and EARLIEST.</summary>
    public byte[]? ReplayId => _replayId?.ToArray();

    /// <summary>Events strictly after <paramref name="replayId"/>, which must be an id received from this topic.</summary>
    public static ReplayStart After(byte[] replayId)
    {
        ArgumentNullException.ThrowIfNull(replayId);
        if (replayId.Length == 0)
        {
            throw new ArgumentException("A replay id to resume after must not be empty.", nameof(replayId));
        }

        return new ReplayStart(ReplayPreset.Custom, replayId.ToArray());
    }

    internal ReadOnlySpan<byte> ReplayIdSpan => _replayId;

    public override string ToString() => Preset switch
    {
        ReplayPreset.Latest => "LATEST",
        ReplayPreset.Earliest => "EARLIEST",
        _ => "after replay id " + PubSub.ReplayId.Format(_replayId),
    };
}
