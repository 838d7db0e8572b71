using System.Globalization;

namespace CrmSignalWorker.Simulator.Generation;

/// <summary>The org's people and system users, with the teams the planners draw actors from.</summary>
internal sealed class UserRoster
{
    public const string SdrRole = "SDR";
    public const string AccountExecutiveRole = "Account Executive";
    public const string CustomerSuccessRole = "Customer Success";
    public const string SalesOperationsRole = "Sales Operations";

    private const string EmailDomain = "acme-sim.example.com";

    private readonly List<SimUser> _users = [];
    private readonly Dictionary<string, SetupRow> _profiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SetupRow> _roles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SetupRow> _licenses = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedNames = new(StringComparer.Ordinal);
    private readonly Random _rng;
    private readonly IdAllocator _ids;
    private readonly ScenarioWindow _window;
    private readonly string _organizationId;

    private UserRoster(Random rng, IdAllocator ids, ScenarioWindow window, string organizationId)
    {
        _rng = rng;
        _ids = ids;
        _window = window;
        _organizationId = organizationId;
    }

    public IReadOnlyList<SimUser> All => _users;

    public SimUser Admin { get; private set; } = null!;

    public SimUser Marketo { get; private set; } = null!;

    public SimUser PlatformIntegration { get; private set; } = null!;

    public SimUser AutomatedProcess { get; private set; } = null!;

    public OrgSetup Setup => new([.. _profiles.Values], [.. _roles.Values], [.. _licenses.Values]);

    public static UserRoster Create(Random rng, IdAllocator ids, ScenarioWindow window, string organizationId)
    {
        var roster = new UserRoster(rng, ids, window, organizationId);
        roster.Populate();
        return roster;
    }

    /// <summary>Active members of a team in one market; every market has at least one per team.</summary>
    public IReadOnlyList<SimUser> Team(string role, string market) =>
        [.. _users.Where(u => u.IsActive && u.RoleName == role && u.Market == market)];

    public SimUser PickFromTeam(string role, string market)
    {
        var team = Team(role, market);
        return team[_rng.Next(team.Count)];
    }

    private void Populate()
    {
        foreach (var market in Markets.All)
        {
            AddPerson(SdrRole, "Sales User", market);
            AddPerson(SdrRole, "Sales User", market);
            AddPerson(AccountExecutiveRole, "Sales User", market);
            AddPerson(AccountExecutiveRole, "Sales User", market);
            AddPerson(CustomerSuccessRole, "Standard User", market);
        }

        // A second AE in the biggest market, and a former SDR kept for realism: directories must cope with inactive users.
        AddPerson(AccountExecutiveRole, "Sales User", Markets.NorthAmerica);
        AddPerson(SdrRole, "Sales User", Markets.Emea, isActive: false);

        Admin = AddPerson(SalesOperationsRole, "System Administrator", Markets.NorthAmerica);
        Marketo = AddSystemUser(
            "Marketo Integration", "marketo.integration@" + EmailDomain, "Standard", "Minimum Access - API Only Integrations");
        PlatformIntegration = AddSystemUser(
            "Platform Integration User", $"integration@{_organizationId.ToUpperInvariant()}.com", "CloudIntegrationUser", "Analytics Cloud Integration User");
        AutomatedProcess = AddSystemUser(
            "Automated Process", $"autoproc@{_organizationId.ToUpperInvariant()}", "AutomatedProcess", profileName: null);
    }

    private SimUser AddPerson(string role, string profileName, string market, bool isActive = true)
    {
        string first;
        string last;
        do
        {
            first = NamePools.FirstNames[_rng.Next(NamePools.FirstNames.Count)];
            last = NamePools.LastNames[_rng.Next(NamePools.LastNames.Count)];
        }
        while (!_usedNames.Add(first + " " + last));

        var email = string.Create(CultureInfo.InvariantCulture, $"{Ascii(first)}.{Ascii(last)}@{EmailDomain}");
        return Add($"{first} {last}", email, "Standard", profileName, role, market, isActive);
    }

    private SimUser AddSystemUser(string name, string username, string userType, string? profileName) =>
        Add(name, username, userType, profileName, role: null, market: null, isActive: true);

    private SimUser Add(string name, string username, string userType, string? profileName, string? role, string? market, bool isActive)
    {
        var profile = profileName is null ? null : Profile(profileName);
        var license = profile is null ? null : _licenses.Values.First(l => l.Id == profile.ParentId);
        var roleRow = role is null ? null : Role(role);
        var created = _window.Start.AddDays(-_rng.Next(30, 700)).AddHours(15).AddMinutes(_rng.Next(0, 120));
        var user = new SimUser(
            _ids.Next("005"),
            name,
            username,
            username,
            userType,
            profile?.Id,
            profile?.Name,
            license?.Name,
            roleRow?.Id,
            roleRow?.Name,
            market,
            isActive,
            created);
        _users.Add(user);
        return user;
    }

    private SetupRow Profile(string name)
    {
        if (!_profiles.TryGetValue(name, out var profile))
        {
            var licenseName = name switch
            {
                "Minimum Access - API Only Integrations" => "Salesforce Integration",
                "Analytics Cloud Integration User" => "Analytics Cloud Integration User",
                _ => "Salesforce",
            };
            profile = new SetupRow(_ids.Next("00e"), name, License(licenseName).Id);
            _profiles.Add(name, profile);
        }

        return profile;
    }

    private SetupRow License(string name)
    {
        if (!_licenses.TryGetValue(name, out var license))
        {
            license = new SetupRow(_ids.Next("100"), name, null);
            _licenses.Add(name, license);
        }

        return license;
    }

    private SetupRow Role(string name)
    {
        if (!_roles.TryGetValue(name, out var role))
        {
            role = new SetupRow(_ids.Next("00E"), name, null);
            _roles.Add(name, role);
        }

        return role;
    }

    private static string Ascii(string name) =>
        new([.. name.Normalize(System.Text.NormalizationForm.FormD).Where(char.IsAsciiLetter).Select(char.ToLowerInvariant)]);
}
