using CrmSignalWorker.Core.Audit;

namespace CrmSignalWorker.UnitTests.Core.Audit;

/// <summary>Setup audit rows as Salesforce writes them, read into the kinds and components the trace asks about.</summary>
public sealed class ConfigurationChangeClassifierTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 4, 1, 12, 40, TimeSpan.Zero);

    private static ConfigurationChangeClassifier CreateSut() => ConfigurationChangeClassifier.Default;

    private static SetupAuditRow Row(string action, string? section, string? display, string? delegateUser = null) =>
        new("0Ym5g00000AbCdEFGH", action, section, At, "0055g00000XyZaBAAV", display, delegateUser);

    [Theory]
    [InlineData("activatedinteractiondefinition", "Activated flow version #4 \"Marketo Stage Sync\" for flow with Unique Name \"Marketo_Stage_Sync\"", "flow_activated", "Marketo_Stage_Sync")]
    [InlineData("activatedinteractiondefversion", "Activated flow with Name \"Marketo Stage Sync\" and Unique Name \"Marketo_Stage_Sync\"", "flow_activated", "Marketo_Stage_Sync")]
    [InlineData("ACTIVATEDINTERACTIONDEFVERSION", "Activated flow with Name \"Marketo Stage Sync\" and Unique Name \"Marketo_Stage_Sync\"", "flow_activated", "Marketo_Stage_Sync")]
    [InlineData("deactivatedinteractiondefversion", "Deactivated flow version #2 \"Lead Welcome Email\" for flow with Unique Name \"Lead_Welcome_Email\"", "flow_deactivated", "Lead_Welcome_Email")]
    [InlineData("deactivatedinteractiondefinition", "Deactivated flow with Name \"Lead Welcome Email\" and Unique Name \"Lead_Welcome_Email\"", "flow_deactivated", "Lead_Welcome_Email")]
    [InlineData("createdinteractiondefversion", "Created flow version #5 \"Marketo Stage Sync\" for flow with Unique Name \"Marketo_Stage_Sync\"", "flow_edited", "Marketo_Stage_Sync")]
    [InlineData("renamedinteractiondefinition", "Renamed flow from \"Stage Sync\" to \"Marketo Stage Sync\" for flow with Unique Name \"Stage_Sync\"", "flow_edited", "Stage_Sync")]
    public void Classify_FlowRows_SettleTheKindAndTheFlowsApiName(string action, string display, string kind, string component)
    {
        var change = CreateSut().Classify(Row(action, "Flows", display));

        Assert.Equal(kind, ConfigurationChangeKinds.ToText(change.Kind));
        Assert.Equal(component, change.Component);
    }

    [Fact]
    public void Classify_RunModeChangeNamedLikeAnActivation_IsAnEditNotAnActivation()
    {
        var change = CreateSut().Classify(Row(
            "activatedinteractiondefversionWithSystemMode",
            "Flows",
            "Activated \"System Mode without Sharing\" for version #2 of flow with Unique Name \"Marketo_Stage_Sync\""));

        Assert.Equal(ConfigurationChangeKind.FlowEdited, change.Kind);
        Assert.Equal("Marketo_Stage_Sync", change.Component);
    }

    [Fact]
    public void Classify_UnknownActionInTheFlowsSection_IsAFlowEdit()
    {
        var change = CreateSut().Classify(Row("changedFlowStatus", "Flows", "Changed status of flow \"Marketo Stage Sync\""));

        Assert.Equal(ConfigurationChangeKind.FlowEdited, change.Kind);
        Assert.Equal("Marketo Stage Sync", change.Component);
    }

    [Theory]
    [InlineData("changedValidationFormula", "Changed formula for Opportunity validation \"Close_Date_Not_In_Past\" from \"CloseDate < TODAY()\" to \"AND(ISCHANGED(CloseDate), CloseDate < TODAY())\"", "Close_Date_Not_In_Past")]
    [InlineData("changedValidationActive", "Changed active flag for Opportunity validation \"Close_Date_Not_In_Past\" from 0 to 1", "Close_Date_Not_In_Past")]
    [InlineData("changedValidationName", "Changed name for Opportunity validation from \"CloseDateCheck\" to \"Close_Date_Not_In_Past\"", "Close_Date_Not_In_Past")]
    [InlineData("newValidation", "New Opportunity validation rule \"Amount_Required_At_Proposal\"", "Amount_Required_At_Proposal")]
    [InlineData("removedValidation", "Removed Opportunity validation \"Amount_Required_At_Proposal\"", "Amount_Required_At_Proposal")]
    public void Classify_ValidationRuleRows_AreValidationChangesNamingTheRule(string action, string display, string component)
    {
        var change = CreateSut().Classify(Row(action, "Validation Rules", display));

        Assert.Equal(ConfigurationChangeKind.ValidationRuleChanged, change.Kind);
        Assert.Equal(component, change.Component);
    }

    [Fact]
    public void Classify_RowInTheLeadAssignmentRulesSection_IsAnAssignmentRuleChange()
    {
        var change = CreateSut().Classify(Row(
            "changedleadassignmentrule", "Lead Assignment Rules", "Changed rule entry 2 of lead assignment rule \"Standard Lead Routing\""));

        Assert.Equal(ConfigurationChangeKind.AssignmentRuleChanged, change.Kind);
        Assert.Equal("Standard Lead Routing", change.Component);
    }

    [Theory]
    [InlineData("deactivatedworkflowrule", "Deactivated workflow rule Lead_Nurture_Alert for Object: Lead", "Lead_Nurture_Alert")]
    [InlineData("changedworkflowrule", "Changed workflow rule Opportunity_Close_Alert", "Opportunity_Close_Alert")]
    public void Classify_WorkflowRuleRows_NameTheRule(string action, string display, string component)
    {
        var change = CreateSut().Classify(Row(action, "Workflow Rule", display));

        Assert.Equal(ConfigurationChangeKind.WorkflowRuleChanged, change.Kind);
        Assert.Equal(component, change.Component);
    }

    [Fact]
    public void Classify_FieldUpdateOfAWorkflowRule_IsAWorkflowChangeByItsSection()
    {
        var change = CreateSut().Classify(Row("createdfieldupdate", "Workflow Rule", "Created Field Update Set_Stage for Object: Opportunity"));

        Assert.Equal(ConfigurationChangeKind.WorkflowRuleChanged, change.Kind);
        Assert.Null(change.Component);
    }

    [Theory]
    [InlineData("PermSetCreate", "Manage Users", "Created permission set MAD: with user license Salesforce.", "MAD")]
    [InlineData("PermSetAssign", "Manage Users", "Assigned permission set Sales_Ops_Reports to user jane.doe@example.com", "Sales_Ops_Reports")]
    [InlineData("profileFlsChangedCustom", "Manage Users", "Changed profile Sales User: field-level security for Opportunity: Amount was changed", null)]
    public void Classify_PermissionSetAndProfileRows_ArePermissionChanges(string action, string section, string display, string? component)
    {
        var change = CreateSut().Classify(Row(action, section, display));

        Assert.Equal(ConfigurationChangeKind.PermissionChange, change.Kind);
        Assert.Equal(component, change.Component);
    }

    [Theory]
    [InlineData("resetpassword", "Manage Users", "Reset password for user Jane Doe")]
    [InlineData("suOrgAdminLogin", "Manage Users", "Logged in using Login-As access for Jane Doe")]
    [InlineData("activatedprocessdefinition", "Approval Process", "Activated Approval Process: Discount Approval for Object: Opportunity")]
    [InlineData("somethingNew", null, null)]
    public void Classify_ChangesNoRuleSettles_StayOtherWithoutAComponent(string action, string? section, string? display)
    {
        var change = CreateSut().Classify(Row(action, section, display));

        Assert.Equal(ConfigurationChangeKind.Other, change.Kind);
        Assert.Null(change.Component);
    }

    [Fact]
    public void Classify_KeepsWhoWhenAndSalesforcesOwnWording()
    {
        var row = Row("changedValidationActive", "Validation Rules", "Changed active flag for Lead validation \"Email_Required\" from 1 to 0", delegateUser: "admin@acme.example.com");

        var change = CreateSut().Classify(row);

        Assert.Equal(
            new ConfigurationChange(
                row.Id, ConfigurationChangeKind.ValidationRuleChanged, "Email_Required", row.Action, row.Section, row.Display, At, row.CreatedById, "admin@acme.example.com"),
            change);
    }

    [Fact]
    public void Classify_BlankDelegateUser_IsNoDelegate() =>
        Assert.Null(CreateSut().Classify(Row("resetpassword", "Manage Users", "Reset password for user Jane Doe", delegateUser: " ")).DelegateUser);

    [Fact]
    public void Classify_OperatorMappedAction_WinsOverTheBuiltInRule()
    {
        var rules = ConfigurationChangeRules.Default.WithOverrides(
            new Dictionary<string, ConfigurationChangeKind> { ["changedFlowStatus"] = ConfigurationChangeKind.FlowActivated },
            new Dictionary<string, ConfigurationChangeKind>());

        var change = new ConfigurationChangeClassifier(rules).Classify(Row("changedflowstatus", "Flows", "Changed status of flow \"Marketo Stage Sync\" to Active"));

        Assert.Equal(ConfigurationChangeKind.FlowActivated, change.Kind);
    }

    [Fact]
    public void Classify_OperatorMappedSection_SettlesActionsNoTableNames()
    {
        var rules = ConfigurationChangeRules.Default.WithOverrides(
            new Dictionary<string, ConfigurationChangeKind>(),
            new Dictionary<string, ConfigurationChangeKind> { ["Approval Process"] = ConfigurationChangeKind.WorkflowRuleChanged });

        var change = new ConfigurationChangeClassifier(rules).Classify(Row("activatedprocessdefinition", "Approval Process", "Activated Approval Process: Discount Approval"));

        Assert.Equal(ConfigurationChangeKind.WorkflowRuleChanged, change.Kind);
        Assert.Equal(ConfigurationChangeKind.Other, CreateSut().Classify(Row("activatedprocessdefinition", "Approval Process", null)).Kind);
    }

    [Theory]
    [InlineData("flow_activated", ConfigurationChangeKind.FlowActivated)]
    [InlineData(" Permission_Change ", ConfigurationChangeKind.PermissionChange)]
    [InlineData("other", ConfigurationChangeKind.Other)]
    public void TryParse_StoredSpelling_ReadsBackTheKind(string text, ConfigurationChangeKind expected)
    {
        Assert.True(ConfigurationChangeKinds.TryParse(text, out var kind));
        Assert.Equal(expected, kind);
    }

    [Fact]
    public void TryParse_UnknownSpelling_Fails() => Assert.False(ConfigurationChangeKinds.TryParse("flow_published", out _));

    [Fact]
    public void ToText_EveryKind_HasASpellingThatParsesBack()
    {
        foreach (var kind in Enum.GetValues<ConfigurationChangeKind>())
        {
            Assert.True(ConfigurationChangeKinds.TryParse(ConfigurationChangeKinds.ToText(kind), out var back));
            Assert.Equal(kind, back);
        }
    }
}
