namespace CrmSignalWorker.Simulator;

/// <summary>A User row of the simulated org.</summary>
/// <param name="Market">The custom field <c>Market__c</c>: NA, EMEA, APAC, or null for system users.</param>
public sealed record SimUser(
    string Id,
    string Name,
    string Username,
    string Email,
    string UserType,
    string? ProfileId,
    string? ProfileName,
    string? UserLicenseName,
    string? UserRoleId,
    string? RoleName,
    string? Market,
    bool IsActive,
    DateTimeOffset CreatedDate);
