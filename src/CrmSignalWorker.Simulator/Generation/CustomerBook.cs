namespace CrmSignalWorker.Simulator.Generation;

/// <summary>The accounts, contacts, cases and deal registrations of a scenario, with their field history sorted by (CreatedDate, Id).</summary>
internal sealed record CustomerBook(
    IReadOnlyList<SimAccount> Accounts,
    IReadOnlyList<SimContact> Contacts,
    IReadOnlyList<SimCase> Cases,
    IReadOnlyList<SimDealRegistration> DealRegistrations,
    IReadOnlyList<SimFieldHistory> AccountHistory,
    IReadOnlyList<SimFieldHistory> ContactHistory,
    IReadOnlyList<SimFieldHistory> CaseHistory,
    IReadOnlyList<SimFieldHistory> DealRegistrationHistory)
{
    public static readonly CustomerBook Empty = new([], [], [], [], [], [], [], []);
}
