namespace CrmSignalWorker.Core.Actors;

/// <summary>A Salesforce User row as the actor directory needs it.</summary>
public sealed record SalesforceUser(
    string Id,
    string Name,
    string UserType,
    string? ProfileName,
    string? RoleName,
    string? Market,
    bool IsActive);
