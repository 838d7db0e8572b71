namespace CrmSignalWorker.Simulator.Generation;

/// <summary>What happens to one opportunity, as a list of saves; the writer turns it into history rows.</summary>
internal sealed class OpportunityPlan
{
    public required string Name { get; init; }

    public required string Market { get; init; }

    public required string CreatorId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required decimal Amount { get; init; }

    public required DateOnly CloseDate { get; init; }

    /// <summary>Deals logged after a discovery call start past Prospecting.</summary>
    public int InitialStage { get; init; }

    public bool IsJumper { get; init; }

    public bool IsDeleted { get; set; }

    public List<OpportunitySave> Saves { get; } = [];

    /// <summary>The first save that closes the deal, or null while it is open.</summary>
    public OpportunitySave? ClosingSave =>
        Saves.Where(s => s.Stage is { } stage && OpportunityStages.IsClosed(stage)).MinBy(s => s.At);
}

/// <summary>One save of an opportunity: every non-null member is a field the user set in that save.</summary>
/// <param name="ActorId">Who saved; null means whoever owns the opportunity at that moment.</param>
internal sealed record OpportunitySave(
    DateTimeOffset At,
    string? ActorId,
    int? Stage = null,
    decimal? Amount = null,
    DateOnly? CloseDate = null,
    string? NewOwnerId = null);
