namespace CrmSignalWorker.Core.Actors;

/// <summary>A Salesforce User row as the actor directory needs it.</summary>
/// <param name="UserLicenseName">Profile.UserLicense.Name, e.g. <c>Salesforce Integration</c>; null when not read.</param>
public sealed record SalesforceUser(
    string Id,
    string Name,
    string UserType,
    string? ProfileName,
    string? RoleName,
    string? Market,
    bool IsActive,
    string? UserLicenseName = null);
