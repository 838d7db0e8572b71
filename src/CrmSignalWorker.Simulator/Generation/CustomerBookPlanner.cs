using System.Globalization;

namespace CrmSignalWorker.Simulator.Generation;

/// <summary>
/// Plans the customer side of the org: accounts (some synced in from Marketo and routed by a territory flow, some
/// realigned in one Sales Ops run), their contacts (whose owner follows the account through a flow), support cases
/// (email cases assigned by a flow, escalated by another when the SLA runs out) and partner deal registrations
/// (approved or rejected by an approval flow that hands approved ones to an AE). It draws from its own
/// <see cref="Random"/>, so adding it left the opportunity and lead rows of every seed as they were.
/// </summary>
internal sealed class CustomerBookPlanner(Random rng, ScenarioWindow window, UserRoster roster)
{
    public const string Account = "Account";
    public const string Contact = "Contact";
    public const string Case = "Case";
    public const string DealRegistration = "Deal_Registration__c";

    public const string CaseNew = "New";
    public const string CaseWorking = "Working";
    public const string CaseEscalated = "Escalated";
    public const string CaseClosed = "Closed";
    public const string DealSubmitted = "Submitted";
    public const string DealApproved = "Approved";
    public const string DealRejected = "Rejected";

    private static readonly string[] s_industries = ["Technology", "Manufacturing", "Healthcare", "Retail", "Financial Services", "Energy"];
    private static readonly string[] s_titles = ["VP Sales", "Head of RevOps", "CFO", "IT Director", "Procurement Lead", "CTO", "Operations Manager"];
    private static readonly string[] s_priorities = ["Low", "Medium", "Medium", "High"];
    private static readonly string[] s_subjects =
        ["Cannot log in", "Invoice question", "Sync is failing", "Feature request", "Data export is slow", "Licence renewal", "API errors"];

    private static readonly string[] s_partners = ["Northstar Partners", "Keystone Resellers", "Brightpath Consulting", "Orbit Solutions"];

    /// <summary>Plans <paramref name="accounts"/> accounts (contacts, cases and deal registrations scale with them).</summary>
    public List<RecordPlan> PlanAll(int accounts)
    {
        if (accounts == 0)
        {
            return [];
        }

        var accountPlans = Enumerable.Range(0, accounts).Select(_ => PlanAccount()).ToList();
        var realigned = PlanRealignment(accountPlans);
        var contacts = accountPlans.SelectMany(PlanContacts).ToList();
        SyncContactOwners(contacts, realigned);
        var cases = Enumerable.Range(0, accounts * 2).Select(_ => PlanCase(Pick(accountPlans))).OfType<RecordPlan>().ToList();
        var deals = Enumerable.Range(0, Math.Max(1, accounts * 2 / 3)).Select(_ => PlanDealRegistration(Pick(accountPlans))).OfType<RecordPlan>().ToList();

        List<RecordPlan> all = [.. accountPlans, .. contacts, .. cases, .. deals];
        MarkDeleted(all);
        return all;
    }

    private RecordPlan PlanAccount()
    {
        var market = Markets.Pick(rng);
        var ae = PickFromTeam(UserRoster.AccountExecutiveRole, market);
        var fromMarketo = rng.Next(100) < 30;
        var day = rng.Next(0, window.Days);
        var created = fromMarketo ? window.DayStart(day).AddSeconds(rng.Next(0, 24 * 3600)) : WorkTime(day, market);
        var plan = new RecordPlan
        {
            Object = Account,
            CreatorId = fromMarketo ? roster.Marketo.Id : ae.Id,
            OwnerId = fromMarketo ? roster.Marketo.Id : ae.Id,
            CreatedAt = created,
            Market = market,
        };
        plan.Attributes["Name"] = NamePools.Company(rng);
        plan.Attributes["Industry"] = s_industries[rng.Next(s_industries.Length)];
        plan.Tracked["Type"] = "Prospect";

        // Marketo creates the account as itself; the territory flow hands it to the market's AE minutes later.
        if (fromMarketo)
        {
            plan.Saves.Add(new RecordSave(created.AddSeconds(rng.Next(30, 300)), roster.AutomatedProcess.Id, NewOwnerId: ae.Id));
        }

        if (rng.Next(100) < 45)
        {
            var at = WorkTime(Math.Min(window.Days - 1, day + rng.Next(3, 20)), market);
            if (at > created.AddHours(1))
            {
                plan.Saves.Add(new RecordSave(at, null, Fields: [new FieldSet("Type", "Picklist", "Customer")]));
            }
        }

        return plan;
    }

    /// <summary>Sales Ops moves some accounts to another AE of the market in one run mid-scenario, five a second.</summary>
    private List<(RecordPlan Account, DateTimeOffset At, string NewOwnerId)> PlanRealignment(List<RecordPlan> accounts)
    {
        var realigned = new List<(RecordPlan, DateTimeOffset, string)>();
        var runAt = window.DayStart(window.Days / 2).AddHours(10);
        foreach (var account in accounts.Where(a => a.CreatedAt < runAt.AddHours(-1)))
        {
            if (rng.Next(100) >= 15)
            {
                continue;
            }

            var current = account.OwnerAt(runAt);
            var others = roster.Team(UserRoster.AccountExecutiveRole, account.Market).Where(u => u.Id != current).ToList();
            if (others.Count == 0)
            {
                continue;
            }

            var at = runAt.AddSeconds(realigned.Count / 5);
            var newOwner = others[rng.Next(others.Count)].Id;
            account.Saves.Add(new RecordSave(at, roster.Admin.Id, NewOwnerId: newOwner));
            realigned.Add((account, at, newOwner));
        }

        return realigned;
    }

    private IEnumerable<RecordPlan> PlanContacts(RecordPlan account)
    {
        var count = rng.Next(1, 5);
        var accountDay = window.DayOf(account.CreatedAt);
        for (var i = 0; i < count; i++)
        {
            var day = accountDay + rng.Next(0, 10);
            var created = day < window.Days ? WorkTime(day, account.Market) : window.End;
            if (created <= account.CreatedAt)
            {
                created = account.CreatedAt.AddMinutes(rng.Next(5, 120));
            }

            var first = NamePools.FirstNames[rng.Next(NamePools.FirstNames.Count)];
            var last = NamePools.LastNames[rng.Next(NamePools.LastNames.Count)];
            var title = s_titles[rng.Next(s_titles.Length)];
            var fromMarketo = rng.Next(100) < 30;
            var retitleAfter = TimeSpan.FromHours(rng.Next(48, 15 * 24));
            var retitled = s_titles[rng.Next(s_titles.Length)];
            var retitles = rng.Next(100) < 25;
            if (created >= window.End)
            {
                continue;
            }

            var owner = account.OwnerAt(created);
            var contact = new RecordPlan
            {
                Object = Contact,
                CreatorId = fromMarketo ? roster.Marketo.Id : owner,
                OwnerId = owner,
                CreatedAt = created,
                Market = account.Market,
                Account = account,
            };
            contact.Attributes["FirstName"] = first;
            contact.Attributes["LastName"] = last;
            contact.Attributes["Email"] = string.Create(
                CultureInfo.InvariantCulture, $"{Ascii(first)}.{Ascii(last)}@{Ascii(account.Attributes["Name"])}.example.com");
            contact.Tracked["Title"] = title;
            if (retitles)
            {
                contact.Saves.Add(new RecordSave(created + retitleAfter, null, Fields: [new FieldSet("Title", "Text", retitled)]));
            }

            yield return contact;
        }
    }

    /// <summary>When Sales Ops moves an account, the contact owner flow moves its existing contacts in the same second.</summary>
    private void SyncContactOwners(List<RecordPlan> contacts, List<(RecordPlan Account, DateTimeOffset At, string NewOwnerId)> realigned)
    {
        foreach (var (account, at, newOwner) in realigned)
        {
            foreach (var contact in contacts.Where(c => c.Account == account && c.CreatedAt < at))
            {
                contact.Saves.Add(new RecordSave(at, roster.AutomatedProcess.Id, NewOwnerId: newOwner));
            }
        }
    }

    private RecordPlan? PlanCase(RecordPlan account)
    {
        var firstDay = window.DayOf(account.CreatedAt) + 1;
        if (firstDay >= window.Days)
        {
            return null;
        }

        var day = rng.Next(firstDay, window.Days);
        var byEmail = rng.Next(100) < 60;
        var created = byEmail ? window.DayStart(day).AddSeconds(rng.Next(0, 24 * 3600)) : WorkTime(day, account.Market);
        var csm = PickFromTeam(UserRoster.CustomerSuccessRole, account.Market);
        var plan = new RecordPlan
        {
            Object = Case,
            CreatorId = byEmail ? roster.AutomatedProcess.Id : csm.Id,
            OwnerId = byEmail ? roster.AutomatedProcess.Id : csm.Id,
            CreatedAt = created,
            Market = account.Market,
            Account = account,
        };
        plan.Attributes["Subject"] = s_subjects[rng.Next(s_subjects.Length)];
        plan.Attributes["Origin"] = byEmail ? "Email" : "Phone";
        plan.Tracked["Status"] = CaseNew;
        plan.Tracked["Priority"] = s_priorities[rng.Next(s_priorities.Length)];

        // Email-to-Case lands with the Automated Process user; the assignment flow routes it to a CSM.
        if (byEmail)
        {
            plan.Saves.Add(new RecordSave(created.AddSeconds(rng.Next(60, 600)), roster.AutomatedProcess.Id, NewOwnerId: csm.Id));
        }

        var working = created.AddMinutes(rng.Next(60, 8 * 60));
        plan.Saves.Add(new RecordSave(working, null, Fields: [Status(CaseWorking)]));
        var outcome = rng.Next(100);
        if (outcome < 20)
        {
            // The escalation flow fires when the 24-hour response SLA runs out.
            var escalated = created.AddHours(24).AddSeconds(rng.Next(0, 3600));
            plan.Saves.Add(new RecordSave(escalated, roster.AutomatedProcess.Id, Fields: [Status(CaseEscalated), new FieldSet("Priority", "Picklist", "High")]));
            if (rng.Next(100) < 70)
            {
                plan.Saves.Add(new RecordSave(escalated.AddMinutes(rng.Next(24 * 60, 3 * 24 * 60)), null, Fields: [Status(CaseClosed)]));
            }
        }
        else if (outcome < 85)
        {
            plan.Saves.Add(new RecordSave(working.AddMinutes(rng.Next(4 * 60, 5 * 24 * 60)), null, Fields: [Status(CaseClosed)]));
        }

        if (rng.Next(100) < 15)
        {
            plan.Saves.Add(new RecordSave(working.AddMinutes(rng.Next(5, 120)), null, Fields: [new FieldSet("Priority", "Picklist", s_priorities[rng.Next(s_priorities.Length)])]));
        }

        return plan;
    }

    private RecordPlan? PlanDealRegistration(RecordPlan account)
    {
        var firstDay = window.DayOf(account.CreatedAt) + 1;
        if (firstDay >= window.Days)
        {
            return null;
        }

        var created = window.DayStart(rng.Next(firstDay, window.Days)).AddSeconds(rng.Next(0, 24 * 3600));
        var integration = roster.PlatformIntegration.Id;
        var plan = new RecordPlan
        {
            Object = DealRegistration,
            CreatorId = integration,
            OwnerId = integration,
            CreatedAt = created,
            Market = account.Market,
            Account = account,
        };
        plan.Attributes["PartnerName"] = s_partners[rng.Next(s_partners.Length)];
        plan.Tracked["Status__c"] = DealSubmitted;
        plan.Tracked["Amount__c"] = Money(rng.Next(10, 200) * 500m);

        // The partner portal syncs registrations in; the approval flow decides and hands approved ones to the market's AE.
        var decided = created.AddMinutes(rng.Next(60, 48 * 60));
        var ae = PickFromTeam(UserRoster.AccountExecutiveRole, account.Market);
        if (rng.Next(100) < 70)
        {
            plan.Saves.Add(new RecordSave(decided, roster.AutomatedProcess.Id, NewOwnerId: ae.Id, Fields: [Status(DealApproved, "Status__c")]));
            if (rng.Next(100) < 25)
            {
                plan.Saves.Add(new RecordSave(
                    decided.AddHours(rng.Next(24, 10 * 24)), null, Fields: [new FieldSet("Amount__c", "Currency", Money(rng.Next(10, 200) * 500m))]));
            }
        }
        else
        {
            plan.Saves.Add(new RecordSave(decided, roster.AutomatedProcess.Id, Fields: [Status(DealRejected, "Status__c")]));
        }

        return plan;
    }

    /// <summary>A few records are deleted later, with everything under a deleted account; their rows stay visible to queryAll only.</summary>
    private void MarkDeleted(List<RecordPlan> plans)
    {
        foreach (var kind in (string[])[Account, Contact, Case, DealRegistration])
        {
            var ofKind = plans.Where(p => p.Object == kind).ToList();
            if (ofKind.Count < 20)
            {
                continue;
            }

            for (var i = 0; i < Math.Max(1, ofKind.Count / 50); i++)
            {
                ofKind[rng.Next(ofKind.Count)].IsDeleted = true;
            }
        }

        foreach (var child in plans.Where(p => p.Account is { IsDeleted: true }))
        {
            child.IsDeleted = true;
        }
    }

    private static FieldSet Status(string value, string field = "Status") => new(field, "Picklist", value);

    private SimUser PickFromTeam(string role, string market)
    {
        var team = roster.Team(role, market);
        return team[rng.Next(team.Count)];
    }

    private RecordPlan Pick(List<RecordPlan> plans) => plans[rng.Next(plans.Count)];

    private DateTimeOffset WorkTime(int day, string market) =>
        window.DayStart(day)
            .AddHours(Markets.WorkdayStartHourUtc(market))
            .AddMinutes(rng.Next(0, Markets.WorkingHours * 60))
            .AddSeconds(rng.Next(0, 60));

    private static string Money(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Ascii(string text) =>
        new([.. text.Normalize(System.Text.NormalizationForm.FormD).Where(char.IsAsciiLetter).Select(char.ToLowerInvariant)]);
}
