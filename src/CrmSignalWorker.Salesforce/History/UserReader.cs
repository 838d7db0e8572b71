using System.Text.Json;
using CrmSignalWorker.Core.Actors;
using CrmSignalWorker.Salesforce.Rest;

namespace CrmSignalWorker.Salesforce.History;

/// <summary>Reads the org's users with what attribution needs: type, profile, role and market.</summary>
public sealed class UserReader(SalesforceRestClient rest)
{
    /// <param name="marketField">The User field holding the market (a custom field such as Market__c); null to skip.</param>
    public async Task<IReadOnlyList<SalesforceUser>> ReadAllAsync(string? marketField, CancellationToken ct)
    {
        if (marketField is not null)
        {
            SoqlNames.Ensure(marketField, "field");
        }

        // The licence tells integration users apart even when their profile is a copy with another name.
        var soql = "SELECT Id, Name, UserType, Profile.Name, Profile.UserLicense.Name, UserRole.Name, IsActive"
            + (marketField is null ? "" : ", " + marketField)
            + " FROM User ORDER BY Id";
        var users = new List<SalesforceUser>();
        await foreach (var page in rest.QueryAsync(soql, includeDeleted: false, ct))
        {
            foreach (var record in page.Records)
            {
                users.Add(new SalesforceUser(
                    Text(record, "Id") ?? throw new FormatException("User row without Id"),
                    Text(record, "Name") ?? "",
                    Text(record, "UserType") ?? "Standard",
                    Related(record, "Profile"),
                    Related(record, "UserRole"),
                    marketField is null ? null : Text(record, marketField),
                    !record.TryGetProperty("IsActive", out var active) || active.ValueKind != JsonValueKind.False,
                    LicenseOf(record)));
            }
        }

        return users;
    }

    private static string? LicenseOf(JsonElement record) =>
        record.TryGetProperty("Profile", out var profile) && profile.ValueKind == JsonValueKind.Object ? Related(profile, "UserLicense") : null;

    private static string? Text(JsonElement record, string name) =>
        record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Relationship fields arrive nested: <c>"Profile":{"attributes":{…},"Name":"…"}</c> or null.</summary>
    private static string? Related(JsonElement record, string relationship) =>
        record.TryGetProperty(relationship, out var value) && value.ValueKind == JsonValueKind.Object ? Text(value, "Name") : null;
}
