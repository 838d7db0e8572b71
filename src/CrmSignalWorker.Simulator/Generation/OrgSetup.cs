namespace CrmSignalWorker.Simulator.Generation;

/// <summary>The setup objects users point at: profiles (00e), roles (00E) and user licences (100).</summary>
internal sealed record OrgSetup(
    IReadOnlyList<SetupRow> Profiles,
    IReadOnlyList<SetupRow> Roles,
    IReadOnlyList<SetupRow> Licenses);

/// <param name="ParentId">For a profile, its user licence id; otherwise null.</param>
internal sealed record SetupRow(string Id, string Name, string? ParentId);
