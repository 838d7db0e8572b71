namespace CrmSignalWorker.Simulator.Generation;

/// <summary>
/// Writes the org's Setup audit trail from the finished scenario. The Sales Ops admin saves and activates a new
/// version of the flow behind the Marketo sync shortly before its first bad run, edits a validation rule and the
/// lead assignment rule on other days, and does the everyday admin work that surrounds such changes.
/// Action codes and Display sentences follow the forms public audit-trail catalogues show; where no source shows
/// them (assignment rules, the permission set assignment sentence) the wording here is illustrative.
/// </summary>
internal static class SetupAuditTrailGenerator
{
    public const string FlowApiName = "Marketo_Stage_Sync";
    private const string FlowLabel = "Marketo Stage Sync";
    private const string IdPrefix = "0Ym";

    private static readonly string[] PermissionSets = ["Sales_Ops_Reports", "Forecast_Manager", "Marketo_Sync_Access", "Lead_Import"];

    private sealed record Draft(DateTimeOffset At, string Action, string Section, string Display, string CreatedById, string? DelegateUser = null);

    public static SimSetupAudit Generate(Scenario scenario)
    {
        var window = new ScenarioWindow(scenario.Seed, scenario.FirstDay, scenario.EndDate);
        // A Random of its own: drawing from the scenario's would move every row generated after this.
        var rng = new Random(unchecked((scenario.Seed * 486_187_739) ^ 0x5E7A0D17));
        var admin = scenario.Users.First(u => u.Id == scenario.RunAsUserId);
        var people = scenario.Users.Where(u => u.IsActive && u.RoleName is not null && u.Id != admin.Id).ToList();
        var spikeStartsAt = SpikeStart(scenario, window);

        var version = rng.Next(3, 9);
        var activatedAt = Max(window.Start, spikeStartsAt - TimeSpan.FromMinutes(rng.Next(40, 150)) - TimeSpan.FromSeconds(rng.Next(60)));
        var savedAt = Max(window.Start, activatedAt - TimeSpan.FromMinutes(rng.Next(10, 40)) - TimeSpan.FromSeconds(rng.Next(60)));
        var flowVersion = $"flow version #{version} \"{FlowLabel}\" for flow with Unique Name \"{FlowApiName}\"";
        var activation = new Draft(activatedAt, "activatedinteractiondefinition", "Flows", "Activated " + flowVersion, admin.Id);
        var validation = new Draft(
            WorkingTime(rng, window),
            "changedValidationFormula",
            "Validation Rules",
            "Changed formula for Opportunity validation \"Close_Date_Not_In_Past\" from \"CloseDate < TODAY()\" to \"AND(ISCHANGED(CloseDate), CloseDate < TODAY())\"",
            admin.Id);
        // Salesforce's Action code for assignment-rule edits was not found in any source; the worker recognises
        // them by Section, so this spelling does not decide how they are classified.
        var assignment = new Draft(
            WorkingTime(rng, window),
            "changedleadassignmentrule",
            "Lead Assignment Rules",
            $"Changed rule entry {rng.Next(1, 5)} of lead assignment rule \"Standard Lead Routing\"",
            admin.Id);

        var drafts = new List<Draft>
        {
            new(savedAt, "createdinteractiondefversion", "Flows", "Created " + flowVersion, admin.Id),
            activation,
            validation,
            assignment,
            new(NotBetween(rng, window, activatedAt, spikeStartsAt), "deactivatedinteractiondefversion", "Flows",
                "Deactivated flow version #2 \"Lead Welcome Email\" for flow with Unique Name \"Lead_Welcome_Email\"", admin.Id),
        };

        // The admin, logged in as a rep to reproduce a problem, switches off a workflow rule in that session.
        var impersonated = Pick(rng, people);
        drafts.Add(new(WorkingTime(rng, window), "deactivatedworkflowrule", "Workflow Rule",
            "Deactivated workflow rule Lead_Nurture_Alert for Object: Lead", impersonated.Id, DelegateUser: admin.Username));

        // Everyday user administration, several changes a working day: an org's audit trail is mostly this, and a
        // month of it fills more than one query page.
        for (var day = 0; day < window.Days; day++)
        {
            var changes = rng.Next(5, 13);
            for (var i = 0; i < changes; i++)
            {
                drafts.Add(UserAdministration(rng, window.DayStart(day).AddHours(8).AddSeconds(rng.Next(10 * 3600)), admin, Pick(rng, people)));
            }
        }

        // Ids in creation order, as Salesforce hands them out. No other object uses the 0Ym prefix, so an allocator
        // of its own gives exactly the ids the scenario's would.
        var ids = new IdAllocator(scenario.Seed);
        var rows = new List<SimSetupAuditTrail>(drafts.Count);
        var byDraft = new Dictionary<Draft, SimSetupAuditTrail>(ReferenceEqualityComparer.Instance);
        foreach (var draft in drafts.Select((d, order) => (d, order)).OrderBy(x => x.d.At).ThenBy(x => x.order).Select(x => x.d))
        {
            var row = new SimSetupAuditTrail(
                ids.Next(IdPrefix), draft.Action, draft.Section, draft.At, draft.CreatedById, draft.Display, draft.DelegateUser, ResponsibleNamespacePrefix: null);
            rows.Add(row);
            byDraft.Add(draft, row);
        }

        return new SimSetupAudit(rows, byDraft[activation], FlowApiName, byDraft[validation], byDraft[assignment], spikeStartsAt);
    }

    /// <summary>A password reset or a permission set (un)assignment; the permission set sentences are illustrative.</summary>
    private static Draft UserAdministration(Random rng, DateTimeOffset at, SimUser admin, SimUser user) => rng.Next(4) switch
    {
        0 => new(at, "PermSetAssign", "Manage Users", $"Assigned permission set {PermissionSets[rng.Next(PermissionSets.Length)]} to user {user.Username}", admin.Id),
        1 => new(at, "PermSetUnassign", "Manage Users", $"Unassigned permission set {PermissionSets[rng.Next(PermissionSets.Length)]} from user {user.Username}", admin.Id),
        _ => new(at, "resetpassword", "Manage Users", $"Reset password for user {user.Name}", admin.Id),
    };

    /// <summary>The jumping actor's first stage change; the middle of the window when the scenario has none.</summary>
    private static DateTimeOffset SpikeStart(Scenario scenario, ScenarioWindow window)
    {
        var first = scenario.OpportunityFieldHistory
            .Where(r => r.Field == "StageName" && r.CreatedById == scenario.JumpingActorId)
            .Select(r => (DateTimeOffset?)r.CreatedDate)
            .Min();
        return first ?? window.DayStart(window.Days / 2).AddHours(2);
    }

    /// <summary>A moment in an admin's working day (08:00-18:00 UTC) on a day of the window.</summary>
    private static DateTimeOffset WorkingTime(Random rng, ScenarioWindow window) =>
        window.DayStart(rng.Next(window.Days)).AddHours(8).AddSeconds(rng.Next(10 * 3600));

    /// <summary>A working-time moment outside [from, to], so no other flow change falls between the planted activation and the spike.</summary>
    private static DateTimeOffset NotBetween(Random rng, ScenarioWindow window, DateTimeOffset from, DateTimeOffset to)
    {
        while (true)
        {
            var at = WorkingTime(rng, window);
            if (at < from || at > to)
            {
                return at;
            }
        }
    }

    private static SimUser Pick(Random rng, List<SimUser> users) => users[rng.Next(users.Count)];

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
