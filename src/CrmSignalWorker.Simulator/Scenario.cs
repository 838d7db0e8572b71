using CrmSignalWorker.Simulator.Generation;
using CrmSignalWorker.Simulator.PubSub;

namespace CrmSignalWorker.Simulator;

/// <summary>
/// The generated org content plus the ground truth a detector should recover from it.
/// Built once per org; everything is immutable, so HTTP handlers read it without locks.
/// </summary>
public sealed partial class Scenario
{
    private readonly Lazy<IReadOnlyList<SimWorkflowEvent>> _workflowEvents;

    internal Scenario(
        ScenarioWindow window,
        string organizationId,
        OrgSetup setup,
        IReadOnlyList<SimUser> users,
        IReadOnlyList<SimOpportunity> opportunities,
        IReadOnlyList<SimLead> leads,
        IReadOnlyList<SimFieldHistory> opportunityFieldHistory,
        IReadOnlyList<SimOpportunityHistory> opportunityHistory,
        IReadOnlyList<SimFieldHistory> leadHistory,
        string jumpingActorId,
        string runAsUserId,
        CustomerBook? customers = null)
    {
        Seed = window.Seed;
        FirstDay = window.FirstDay;
        EndDate = window.EndDate;
        OrganizationId = organizationId;
        Setup = setup;
        Users = users;
        Opportunities = opportunities;
        Leads = leads;
        OpportunityFieldHistory = opportunityFieldHistory;
        OpportunityHistory = opportunityHistory;
        LeadHistory = leadHistory;
        JumpingActorId = jumpingActorId;
        RunAsUserId = runAsUserId;
        OpportunityMarket = opportunities.ToDictionary(o => o.Id, o => o.Market, StringComparer.Ordinal);
        StageJumpOpportunityIds = StageJumpDetector.FindJumpers(opportunityFieldHistory);
        Customers = customers ?? CustomerBook.Empty;
        AutomatedProcessUserId = users.FirstOrDefault(u => u.UserType == "AutomatedProcess")?.Id ?? runAsUserId;

        // The bus builds the same log from the same seed; the origins' API version does not touch workflow events.
        _workflowEvents = new Lazy<IReadOnlyList<SimWorkflowEvent>>(() =>
            new ScenarioChangeEvents(this, new ChangeOrigins(this, "v62.0"), new TransactionSource(Seed, new DeterministicIds(Seed))).Build().WorkflowEvents);
    }

    public int Seed { get; }

    /// <summary>First scenario day (inclusive).</summary>
    public DateOnly FirstDay { get; }

    /// <summary>End of the scenario (exclusive): no row is created on or after this day.</summary>
    public DateOnly EndDate { get; }

    /// <summary>The 18-character org id (prefix 00D) that tokens and the identity URL carry.</summary>
    public string OrganizationId { get; }

    /// <summary>The user that client-credentials tokens run as (the Sales Ops admin).</summary>
    public string RunAsUserId { get; }

    public IReadOnlyList<SimUser> Users { get; }

    public IReadOnlyList<SimOpportunity> Opportunities { get; }

    public IReadOnlyList<SimLead> Leads { get; }

    /// <summary>Sorted by (CreatedDate, Id), which is also creation order.</summary>
    public IReadOnlyList<SimFieldHistory> OpportunityFieldHistory { get; }

    /// <summary>Sorted by (CreatedDate, Id).</summary>
    public IReadOnlyList<SimOpportunityHistory> OpportunityHistory { get; }

    /// <summary>Sorted by (CreatedDate, Id).</summary>
    public IReadOnlyList<SimFieldHistory> LeadHistory { get; }

    public IReadOnlyList<SimAccount> Accounts => Customers.Accounts;

    public IReadOnlyList<SimContact> Contacts => Customers.Contacts;

    public IReadOnlyList<SimCase> Cases => Customers.Cases;

    /// <summary>The custom object <c>Deal_Registration__c</c>.</summary>
    public IReadOnlyList<SimDealRegistration> DealRegistrations => Customers.DealRegistrations;

    /// <summary>Sorted by (CreatedDate, Id); parent key AccountId.</summary>
    public IReadOnlyList<SimFieldHistory> AccountHistory => Customers.AccountHistory;

    /// <summary>Sorted by (CreatedDate, Id); parent key ContactId.</summary>
    public IReadOnlyList<SimFieldHistory> ContactHistory => Customers.ContactHistory;

    /// <summary>Sorted by (CreatedDate, Id); parent key CaseId.</summary>
    public IReadOnlyList<SimFieldHistory> CaseHistory => Customers.CaseHistory;

    /// <summary><c>Deal_Registration__History</c>, sorted by (CreatedDate, Id); parent key ParentId.</summary>
    public IReadOnlyList<SimFieldHistory> DealRegistrationHistory => Customers.DealRegistrationHistory;

    /// <summary>Opportunity id to market (NA, EMEA, APAC); the owner's Market__c always agrees.</summary>
    public IReadOnlyDictionary<string, string> OpportunityMarket { get; }

    /// <summary>
    /// Every opportunity with two or more StageName changes inside some 24-hour window, computed from
    /// <see cref="OpportunityFieldHistory"/> itself (deleted rows included), so it is exact by construction.
    /// </summary>
    public IReadOnlySet<string> StageJumpOpportunityIds { get; }

    /// <summary>The user who wrote most of the stage jumps (the Marketo integration user).</summary>
    public string JumpingActorId { get; }

    /// <summary>The Automated Process user, who runs the org's flows.</summary>
    public string AutomatedProcessUserId { get; }

    /// <summary>
    /// Every <c>Workflow_Event__e</c> the scenario's flows published, in commit order: a <c>handoff</c> per owner change and
    /// a <c>stage_change</c> per stage or status change the Automated Process user wrote (plus <c>sla_breach</c> for an
    /// escalated case), each with Correlation_Id__c equal to the transactionKey of that write's change event.
    /// </summary>
    public IReadOnlyList<SimWorkflowEvent> WorkflowEvents => _workflowEvents.Value;

    internal OrgSetup Setup { get; }

    internal CustomerBook Customers { get; }

    /// <summary>Generates the scenario the org would serve for these options and end date, without starting a server.</summary>
    public static Scenario Generate(SimulatedOrgOptions options, DateOnly endDate)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new ScenarioGenerator(options, endDate).Generate();
    }
}
