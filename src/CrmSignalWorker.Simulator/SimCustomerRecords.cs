namespace CrmSignalWorker.Simulator;

/// <summary>An account as it stands at the end of the scenario. History tracks Owner and Type.</summary>
public sealed record SimAccount(
    string Id,
    string Name,
    string Market,
    string Industry,
    string Type,
    string OwnerId,
    string CreatedById,
    DateTimeOffset CreatedDate,
    DateTimeOffset LastModifiedDate,
    bool IsDeleted);

/// <summary>A contact as it stands at the end of the scenario. History tracks Owner and Title.</summary>
public sealed record SimContact(
    string Id,
    string AccountId,
    string FirstName,
    string LastName,
    string Email,
    string Title,
    string OwnerId,
    string CreatedById,
    DateTimeOffset CreatedDate,
    DateTimeOffset LastModifiedDate,
    bool IsDeleted);

/// <summary>A case as it stands at the end of the scenario. History tracks Owner, Status and Priority.</summary>
/// <param name="ContactId">Null when the case came in before the account had a contact.</param>
/// <param name="ClosedDate">When the status last became Closed; null while open.</param>
public sealed record SimCase(
    string Id,
    string CaseNumber,
    string AccountId,
    string? ContactId,
    string Subject,
    string Status,
    string Priority,
    string Origin,
    bool IsEscalated,
    string OwnerId,
    string CreatedById,
    DateTimeOffset CreatedDate,
    DateTimeOffset? ClosedDate,
    DateTimeOffset LastModifiedDate,
    bool IsDeleted);

/// <summary>
/// A <c>Deal_Registration__c</c> (a partner registering a deal) as it stands at the end of the scenario.
/// History (<c>Deal_Registration__History</c>) tracks Owner, Status__c and Amount__c.
/// </summary>
public sealed record SimDealRegistration(
    string Id,
    string Name,
    string AccountId,
    string PartnerName,
    string Status,
    decimal Amount,
    DateOnly ExpirationDate,
    string OwnerId,
    string CreatedById,
    DateTimeOffset CreatedDate,
    DateTimeOffset LastModifiedDate,
    bool IsDeleted);
