using System.Globalization;
using CrmSignalWorker.Simulator.Generation;

namespace CrmSignalWorker.Simulator.PubSub;

/// <summary>
/// Replays the scenario's field history as the change events Salesforce would have published, in commit order.
/// The writes of one record by one user in one second make one event (CREATE for the <c>created</c> row, otherwise
/// UPDATE with LastModifiedDate among the changed fields); all events by one user in one second make one transaction
/// (one transactionKey and commitNumber, sequenceNumber 1..n), as a bulk sync writing several deals at once does.
/// Transactions of the Automated Process user are followed by the <c>Workflow_Event__e</c> events their flows publish.
/// </summary>
internal sealed class ScenarioChangeEvents(Scenario scenario, ChangeOrigins origins, TransactionSource transactions)
{
    private const string CreatedRow = "created";
    private const string ClosedLost = "Closed Lost";
    private const string CaseEntity = "Case";
    private const string CaseEscalated = "Escalated";
    private const string SlaRunning = "running";
    private const string SlaBreached = "breached";

    private readonly Dictionary<string, Dictionary<string, object?>> _states = new(StringComparer.Ordinal);
    private readonly Dictionary<(string ParentId, string Field), string?> _firstOldValues = [];
    private readonly Dictionary<string, SimOpportunity> _opportunities = scenario.Opportunities.ToDictionary(o => o.Id, StringComparer.Ordinal);
    private readonly Dictionary<string, SimLead> _leads = scenario.Leads.ToDictionary(l => l.Id, StringComparer.Ordinal);
    private readonly Dictionary<string, SimAccount> _accounts = scenario.Accounts.ToDictionary(a => a.Id, StringComparer.Ordinal);
    private readonly Dictionary<string, SimContact> _contacts = scenario.Contacts.ToDictionary(c => c.Id, StringComparer.Ordinal);
    private readonly Dictionary<string, SimCase> _cases = scenario.Cases.ToDictionary(c => c.Id, StringComparer.Ordinal);
    private readonly Dictionary<string, SimDealRegistration> _deals = scenario.DealRegistrations.ToDictionary(d => d.Id, StringComparer.Ordinal);

    private readonly string _automatedProcessId = scenario.AutomatedProcessUserId;
    private readonly DeterministicIds _ids = new(scenario.Seed);
    private long _workflowEvents;

    public ScenarioEventLog Build()
    {
        var rows = scenario.OpportunityFieldHistory.Select(r => (Entity: EntityFields.Opportunity, Row: r))
            .Concat(scenario.LeadHistory.Select(r => (Entity: EntityFields.Lead, Row: r)))
            .Concat(scenario.AccountHistory.Select(r => (Entity: EntityFields.Account, Row: r)))
            .Concat(scenario.ContactHistory.Select(r => (Entity: EntityFields.Contact, Row: r)))
            .Concat(scenario.CaseHistory.Select(r => (Entity: EntityFields.Case, Row: r)))
            .Concat(scenario.DealRegistrationHistory.Select(r => (Entity: EntityFields.DealRegistration, Row: r)))
            .OrderBy(r => r.Row.CreatedDate)
            .ThenBy(r => r.Row.Id, StringComparer.Ordinal)
            .ToList();
        foreach (var (_, row) in rows.Where(r => IsValueRow(r.Row)))
        {
            _firstOldValues.TryAdd((row.ParentId, row.Field), row.OldValue);
        }

        var drafts = new List<IBusDraft>();
        foreach (var second in rows.GroupBy(r => TruncateToSecond(r.Row.CreatedDate)))
        {
            foreach (var transaction in second.GroupBy(r => r.Row.CreatedById, StringComparer.Ordinal))
            {
                var records = transaction.GroupBy(r => r.Row.ParentId, StringComparer.Ordinal).ToList();
                var changes = records
                    .Select(record => Apply(record.First().Entity, record.Key, [.. record.Select(r => r.Row)], transaction.Key, second.Key))
                    .ToList();
                var closesLostOnly = changes.All(c => c.Type == ChangeType.Update && Equals(c.Values.GetValueOrDefault("StageName"), ClosedLost));
                var origin = origins.For(transaction.Key, second.Key, closesLostOnly);
                var (key, commitNumber) = transactions.Next();
                drafts.AddRange(changes.Select((c, i) => new ChangeEventDraft(
                    c.Entity, [c.RecordId], c.Type, c.Values, c.Changed, [], origin, key, i + 1, second.Key, commitNumber, transaction.Key)));
                if (transaction.Key == _automatedProcessId)
                {
                    foreach (var record in records)
                    {
                        drafts.AddRange(WorkflowEvents(record.First().Entity, record.Key, record.Select(r => r.Row), key, second.Key));
                    }
                }
            }
        }

        return new ScenarioEventLog(drafts);
    }

    /// <summary>
    /// What the org's flows announce on <c>/event/Workflow_Event__e</c> when they change an owner or a stage: one event per
    /// change, after the transaction's change events, correlated by its transactionKey. A case escalated by its flow
    /// also announces the SLA breach that triggered it.
    /// </summary>
    private IEnumerable<WorkflowEventDraft> WorkflowEvents(
        string entity, string recordId, IEnumerable<SimFieldHistory> rows, string transactionKey, DateTimeOffset at)
    {
        var stageField = AutomationFlows.StageField(entity);
        foreach (var row in rows)
        {
            if (row.Field == "Owner" && row.DataType == "EntityId")
            {
                yield return Workflow(
                    entity, recordId, WorkflowEventTypes.Handoff, null, null, row.OldValue, row.NewValue, AutomationFlows.For(entity, row.Field),
                    transactionKey, at, entity == CaseEntity ? SlaRunning : null);
            }
            else if (row.Field == stageField)
            {
                var breached = entity == CaseEntity && row.NewValue == CaseEscalated;
                var flow = AutomationFlows.For(entity, row.Field);
                yield return Workflow(
                    entity, recordId, WorkflowEventTypes.StageChange, row.OldValue, row.NewValue, null, null, flow, transactionKey, at,
                    breached ? SlaBreached : entity == CaseEntity ? SlaRunning : null);
                if (breached)
                {
                    yield return Workflow(entity, recordId, WorkflowEventTypes.SlaBreach, null, null, null, null, flow, transactionKey, at, SlaBreached);
                }
            }
        }
    }

    private WorkflowEventDraft Workflow(
        string entity, string recordId, string type, string? stageBefore, string? stageAfter, string? ownerBefore, string? ownerAfter,
        string flow, string transactionKey, DateTimeOffset at, string? slaClockState) =>
        new(new SimWorkflowEvent(
            _ids.Uuid("workflow-event", _workflowEvents++), at, _automatedProcessId, recordId, entity, type, stageBefore, stageAfter,
            ownerBefore, ownerAfter, flow, transactionKey, slaClockState));

    private RecordChange Apply(string entity, string recordId, List<SimFieldHistory> rows, string actorId, DateTimeOffset at)
    {
        var isCreate = rows.Exists(r => r.Field == CreatedRow);
        if (isCreate || !_states.TryGetValue(recordId, out var state))
        {
            state = entity switch
            {
                EntityFields.Opportunity => InitialOpportunity(recordId),
                EntityFields.Lead => InitialLead(recordId),
                EntityFields.Account => InitialAccount(recordId),
                EntityFields.Contact => InitialContact(recordId),
                EntityFields.Case => InitialCase(recordId),
                _ => InitialDealRegistration(recordId),
            };
            _states[recordId] = state;
        }

        var changes = new Dictionary<string, object?>(StringComparer.Ordinal);
        void Set(string path, object? value)
        {
            if (!Equals(state.GetValueOrDefault(path), value))
            {
                state[path] = value;
                changes[path] = value;
            }
        }

        foreach (var row in rows)
        {
            switch (row.Field)
            {
                case "Owner" when row.DataType == "EntityId":
                    Set("OwnerId", row.NewValue);
                    break;
                case "StageName":
                    Set("StageName", row.NewValue);
                    foreach (var (field, value) in StageDerived(row.NewValue))
                    {
                        Set(field, value);
                    }

                    break;
                case "Amount":
                    Set("Amount", ParseAmount(row.NewValue));
                    break;
                case "CloseDate":
                    Set("CloseDate", ParseDate(row.NewValue));
                    break;
                case "Status" when entity == EntityFields.Lead:
                    Set("Status", row.NewValue);
                    Set("IsConverted", row.NewValue == LeadPlanner.ClosedConverted);
                    break;
                case "Status" when entity == EntityFields.Case:
                    Set("Status", row.NewValue);
                    Set("IsClosed", row.NewValue == CustomerBookPlanner.CaseClosed);
                    if (row.NewValue == CustomerBookPlanner.CaseEscalated)
                    {
                        Set("IsEscalated", true);
                    }

                    if (row.NewValue == CustomerBookPlanner.CaseClosed)
                    {
                        Set("ClosedDate", at.ToUnixTimeMilliseconds());
                    }

                    break;
                case "Amount__c":
                    Set("Amount__c", ParseAmount(row.NewValue));
                    break;
                case "Type" or "Title" or "Priority" or "Status__c":
                    Set(row.Field, row.NewValue);
                    break;
            }
        }

        if (isCreate)
        {
            return new RecordChange(entity, recordId, ChangeType.Create, new Dictionary<string, object?>(state, StringComparer.Ordinal), []);
        }

        // Every save stamps LastModifiedDate, so an UPDATE always lists it (facts sheet §2.2).
        var stamp = at.ToUnixTimeMilliseconds();
        state["LastModifiedDate"] = stamp;
        changes["LastModifiedDate"] = stamp;
        Set("LastModifiedById", actorId);
        return new RecordChange(entity, recordId, ChangeType.Update, changes, [.. changes.Keys]);
    }

    private Dictionary<string, object?> InitialOpportunity(string id)
    {
        var o = _opportunities[id];
        var stage = FirstOld(id, "StageName") ?? o.StageName;
        var state = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Name"] = o.Name,
            ["StageName"] = stage,
            ["Amount"] = FirstOld(id, "Amount") is { } amount ? ParseAmount(amount) : (double?)o.Amount,
            ["CloseDate"] = FirstOld(id, "CloseDate") is { } closeDate ? ParseDate(closeDate) : FieldValues.EpochMilliseconds(o.CloseDate),
            ["OwnerId"] = FirstOld(id, "Owner") ?? o.OwnerId,
            ["CreatedDate"] = o.CreatedDate.ToUnixTimeMilliseconds(),
            ["CreatedById"] = o.CreatedById,
            ["LastModifiedDate"] = o.CreatedDate.ToUnixTimeMilliseconds(),
            ["LastModifiedById"] = o.CreatedById,
            ["Market__c"] = o.Market,
        };
        foreach (var (field, value) in StageDerived(stage))
        {
            state[field] = value;
        }

        return state;
    }

    private Dictionary<string, object?> InitialLead(string id)
    {
        var lead = _leads[id];
        var status = FirstOld(id, "Status") ?? lead.Status;
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Name.FirstName"] = lead.FirstName,
            ["Name.LastName"] = lead.LastName,
            ["Company"] = lead.Company,
            ["Status"] = status,
            ["LeadSource"] = lead.LeadSource,
            ["OwnerId"] = FirstOld(id, "Owner") ?? lead.OwnerId,
            ["IsConverted"] = status == LeadPlanner.ClosedConverted,
            ["CreatedDate"] = lead.CreatedDate.ToUnixTimeMilliseconds(),
            ["CreatedById"] = lead.CreatedById,
            ["LastModifiedDate"] = lead.CreatedDate.ToUnixTimeMilliseconds(),
            ["LastModifiedById"] = lead.CreatedById,
            ["Market__c"] = lead.Market,
        };
    }

    private Dictionary<string, object?> InitialAccount(string id)
    {
        var a = _accounts[id];
        return Stamped(a.CreatedDate, a.CreatedById, new()
        {
            ["Name"] = a.Name,
            ["Type"] = FirstOld(id, "Type") ?? a.Type,
            ["Industry"] = a.Industry,
            ["OwnerId"] = FirstOld(id, "Owner") ?? a.OwnerId,
            ["Market__c"] = a.Market,
        });
    }

    private Dictionary<string, object?> InitialContact(string id)
    {
        var c = _contacts[id];
        return Stamped(c.CreatedDate, c.CreatedById, new()
        {
            ["AccountId"] = c.AccountId,
            ["Name.FirstName"] = c.FirstName,
            ["Name.LastName"] = c.LastName,
            ["Email"] = c.Email,
            ["Title"] = FirstOld(id, "Title") ?? c.Title,
            ["OwnerId"] = FirstOld(id, "Owner") ?? c.OwnerId,
        });
    }

    private Dictionary<string, object?> InitialCase(string id)
    {
        var c = _cases[id];
        var status = FirstOld(id, "Status") ?? c.Status;
        return Stamped(c.CreatedDate, c.CreatedById, new()
        {
            ["CaseNumber"] = c.CaseNumber,
            ["ContactId"] = c.ContactId,
            ["AccountId"] = c.AccountId,
            ["Subject"] = c.Subject,
            ["Status"] = status,
            ["Priority"] = FirstOld(id, "Priority") ?? c.Priority,
            ["Origin"] = c.Origin,
            ["IsEscalated"] = status == CustomerBookPlanner.CaseEscalated,
            ["IsClosed"] = status == CustomerBookPlanner.CaseClosed,
            ["OwnerId"] = FirstOld(id, "Owner") ?? c.OwnerId,
        });
    }

    private Dictionary<string, object?> InitialDealRegistration(string id)
    {
        var d = _deals[id];
        return Stamped(d.CreatedDate, d.CreatedById, new()
        {
            ["Name"] = d.Name,
            ["OwnerId"] = FirstOld(id, "Owner") ?? d.OwnerId,
            ["Account__c"] = d.AccountId,
            ["Partner_Name__c"] = d.PartnerName,
            ["Status__c"] = FirstOld(id, "Status__c") ?? d.Status,
            ["Amount__c"] = FirstOld(id, "Amount__c") is { } amount ? ParseAmount(amount) : (double)d.Amount,
            ["Expiration_Date__c"] = FieldValues.EpochMilliseconds(d.ExpirationDate),
        });
    }

    /// <summary>Adds the audit fields every record has at creation.</summary>
    private static Dictionary<string, object?> Stamped(DateTimeOffset created, string creatorId, Dictionary<string, object?> values)
    {
        var state = new Dictionary<string, object?>(values, StringComparer.Ordinal)
        {
            ["CreatedDate"] = created.ToUnixTimeMilliseconds(),
            ["CreatedById"] = creatorId,
            ["LastModifiedDate"] = created.ToUnixTimeMilliseconds(),
            ["LastModifiedById"] = creatorId,
        };
        return state;
    }

    /// <summary>A stage save also sets Probability, ForecastCategory, IsClosed and IsWon, as Salesforce does.</summary>
    private static IEnumerable<(string Field, object? Value)> StageDerived(string? stageName)
    {
        var stage = -1;
        for (var i = 0; i < OpportunityStages.Names.Count; i++)
        {
            if (OpportunityStages.Names[i] == stageName)
            {
                stage = i;
            }
        }

        if (stage < 0)
        {
            yield break;
        }

        yield return ("Probability", (double)OpportunityStages.Probability(stage));
        yield return ("ForecastCategory", OpportunityStages.ForecastCategory(stage));
        yield return ("IsClosed", OpportunityStages.IsClosed(stage));
        yield return ("IsWon", stage == OpportunityStages.ClosedWon);
    }

    private string? FirstOld(string parentId, string field) => _firstOldValues.GetValueOrDefault((parentId, field));

    /// <summary>Rows whose OldValue is a field's earlier value: tracked fields, and the id row (not the name row) of an owner change.</summary>
    private static bool IsValueRow(SimFieldHistory row) =>
        row.Field is "StageName" or "Amount" or "CloseDate" or "Status" or "Type" or "Title" or "Priority" or "Status__c" or "Amount__c"
        || (row.Field == "Owner" && row.DataType == "EntityId");

    private static double? ParseAmount(string? text) =>
        text is null ? null : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static long? ParseDate(string? text) =>
        text is null ? null : FieldValues.EpochMilliseconds(DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture));

    private static DateTimeOffset TruncateToSecond(DateTimeOffset at) =>
        DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds());

    private sealed record RecordChange(
        string Entity, string RecordId, ChangeType Type, IReadOnlyDictionary<string, object?> Values, IReadOnlyList<string> Changed);
}
