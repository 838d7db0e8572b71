namespace CrmSignalWorker.Simulator.PubSub;

/// <summary>A channel and the entities whose change events (or the platform event) it carries.</summary>
internal sealed record TopicDefinition(string Name, IReadOnlyList<string> Entities)
{
    private static readonly IReadOnlyList<TopicDefinition> s_all =
    [
        new(PubSubTopics.OpportunityChangeEvent, [EntityFields.Opportunity]),
        new(PubSubTopics.LeadChangeEvent, [EntityFields.Lead]),
        new(PubSubTopics.AccountChangeEvent, [EntityFields.Account]),
        new(PubSubTopics.ContactChangeEvent, [EntityFields.Contact]),
        new(PubSubTopics.CaseChangeEvent, [EntityFields.Case]),
        new(PubSubTopics.DealRegistrationChangeEvent, [EntityFields.DealRegistration]),
        new(PubSubTopics.ChangeEvents, EntityFields.Entities),
        new(PubSubTopics.WorkflowEvent, [WorkflowEventSchema.EventName]),
    ];

    public bool Carries(string entity) => Entities.Contains(entity, StringComparer.Ordinal);

    /// <summary>Channel names are case-sensitive, as in Salesforce.</summary>
    public static bool TryFind(string name, out TopicDefinition topic)
    {
        topic = s_all.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal))!;
        return topic is not null;
    }
}
