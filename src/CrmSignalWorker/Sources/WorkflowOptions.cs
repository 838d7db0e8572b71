using System.ComponentModel.DataAnnotations;
using CrmSignalWorker.Core.Workflow;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Sources;

/// <summary>One object's stages: the open ones in process order, and the closed ones.</summary>
public sealed class StageOrderOptions
{
    public List<string> Open { get; set; } = [];

    public List<string> Closed { get; set; } = [];
}

/// <summary>How workflow events are derived from writes: the stage order of each object, for stage direction and skips.</summary>
public sealed class WorkflowOptions : IValidatableObject
{
    public const string SectionName = "Workflow";

    /// <summary>Salesforce's standard Opportunity stages and Lead statuses; an object configured here replaces its default.</summary>
    public static IReadOnlyDictionary<string, (string[] Open, string[] Closed)> DefaultStages { get; } =
        new Dictionary<string, (string[], string[])>(StringComparer.Ordinal)
        {
            ["Opportunity"] = (
                ["Prospecting", "Qualification", "Needs Analysis", "Value Proposition", "Id. Decision Makers", "Perception Analysis",
                 "Proposal/Price Quote", "Negotiation/Review"],
                ["Closed Won", "Closed Lost"]),
            ["Lead"] = (["Open - Not Contacted", "Working - Contacted"], ["Closed - Converted", "Closed - Not Converted"]),
        };

    /// <summary>
    /// Object API name → its stages, e.g. <c>Workflow:Stages:Opportunity:Open:0</c>. Starts empty because the configuration
    /// binder appends to lists; <see cref="ApplyDefaults"/> fills the objects an operator did not configure.
    /// </summary>
    public Dictionary<string, StageOrderOptions> Stages { get; set; } = new(StringComparer.Ordinal);

    public void ApplyDefaults()
    {
        foreach (var (objectName, (open, closed)) in DefaultStages)
        {
            Stages.TryAdd(objectName, new StageOrderOptions { Open = [.. open], Closed = [.. closed] });
        }
    }

    public WorkflowRules ToRules() =>
        new(Stages.ToDictionary(s => s.Key, s => new StageOrder(s.Value.Open, s.Value.Closed), StringComparer.Ordinal));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (objectName, stages) in Stages)
        {
            if (stages.Open.Count == 0)
            {
                yield return new ValidationResult($"Workflow:Stages:{objectName}:Open must list the open stages in order.", [nameof(Stages)]);
            }

            foreach (var both in stages.Open.Intersect(stages.Closed, StringComparer.Ordinal))
            {
                yield return new ValidationResult(
                    $"Workflow:Stages:{objectName}: '{both}' is listed both as open and as closed.", [nameof(Stages)]);
            }
        }
    }
}

[OptionsValidator]
public sealed partial class WorkflowOptionsValidator : IValidateOptions<WorkflowOptions>;
