using System.Text.Json;
using CrmSignalWorker.Simulator.Query;

namespace CrmSignalWorker.Simulator.Hosting;

/// <summary>Writes what the demo's checker compares the worker's findings against.</summary>
internal static class GroundTruthFile
{
    public static async Task WriteAsync(string path, Scenario scenario, CancellationToken ct)
    {
        var jumpers = scenario.StageJumpOpportunityIds.Order(StringComparer.Ordinal).ToList();
        var body = SalesforceJson.Render(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("seed", scenario.Seed);
            writer.WriteString("firstDay", SalesforceJson.FormatDate(scenario.FirstDay));
            writer.WriteString("endDate", SalesforceJson.FormatDate(scenario.EndDate));
            writer.WriteString("organizationId", scenario.OrganizationId);
            writer.WriteString("jumpingActorId", scenario.JumpingActorId);
            writer.WriteStartArray("stageJumpOpportunityIds");
            foreach (var id in jumpers)
            {
                writer.WriteStringValue(id);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        await File.WriteAllBytesAsync(path, body, ct);
    }
}
