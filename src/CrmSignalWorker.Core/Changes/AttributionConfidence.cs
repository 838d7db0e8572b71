namespace CrmSignalWorker.Core.Changes;

/// <summary>How firmly an attribution was settled. An attribution no rule settled has no confidence at all.</summary>
public enum AttributionConfidence
{
    /// <summary>Derived from something that usually, but not by definition, goes with the write path (the actor's kind).</summary>
    Inferred = 1,

    /// <summary>The source itself names the write path: the changeOrigin, or the automation announcing its own step.</summary>
    Certain = 2,
}
