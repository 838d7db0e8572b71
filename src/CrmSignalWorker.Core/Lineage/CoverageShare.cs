namespace CrmSignalWorker.Core.Lineage;

/// <summary>Stage and owner changes of one object (from one source, or from every source when <see cref="Source"/> is null) and the share attributed.</summary>
/// <param name="Attributed">Changes with a known actor kind and a known channel.</param>
public sealed record CoverageShare(string ObjectName, string? Source, long Changes, long Attributed, decimal Share, bool MeetsTarget);
