using CrmSignalWorker.Core.Calendars;
using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Core.Milestones;
using CrmSignalWorker.Core.Sla;
using CrmSignalWorker.UnitTests.Core.Calendars;

namespace CrmSignalWorker.UnitTests.Core.Sla;

/// <summary>A lead first-touch policy in a Berlin office, 09:00–17:00 on weekdays, and inputs for it.</summary>
internal static class SlaTestData
{
    public const string Open = "Open - Not Contacted";
    public const string OnHold = "On Hold - Customer Away";

    public static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public static BusinessCalendar BerlinOffice { get; } = BusinessCalendar.Weekdays(Berlin, new BusinessHours(new TimeOnly(9, 0), new TimeOnly(17, 0)), [new DateOnly(2025, 4, 18)]);

    public static SlaPolicy FirstTouch { get; } = new("lead-first-touch", "Lead", "Status", Open, TimeSpan.FromHours(4))
    {
        PauseStates = [OnHold],
        StopRules = [SlaStopRule.FieldSet("FirstContactedAt__c"), SlaStopRule.OnActivity(WorkflowEventType.Notification)],
        StartsOnCreate = true,
    };

    public static SlaPolicySet Policies(params SlaPolicy[] policies) =>
        new(policies.Length == 0 ? [FirstTouch] : policies, new Dictionary<string, BusinessCalendar> { ["DACH"] = BerlinOffice }, BerlinOffice);

    public static MilestoneInput Write(string recordId, string at, string field, string? value, string market = "DACH") => new(
        "Lead", recordId, BusinessCalendarTests.At(at), market, field, value, null, "005A", ActorKind.Human, "SDR", Channel.Ui, "tx-" + at);

    public static MilestoneInput Step(string recordId, string at, WorkflowEventType activity) => new(
        "Lead", recordId, BusinessCalendarTests.At(at), "DACH", null, null, activity, null, ActorKind.Automation, null, Channel.Automation, "flow-" + at);

    public static SlaClock Started(string at) => SlaClock.Start(FirstTouch, BerlinOffice, "Lead", "00Q1", "DACH", BusinessCalendarTests.At(at), out _);
}
