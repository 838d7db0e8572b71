namespace CrmSignalWorker.Core.Normalization;

/// <summary>How firmly a channel was settled.</summary>
public enum ChangeOriginConfidence
{
    /// <summary>Derived from the actor, or not settled at all: the changeOrigin did not say.</summary>
    Inferred = 0,

    /// <summary>The changeOrigin itself names the write path.</summary>
    Certain = 1,
}
