namespace CrmSignalWorker.Simulator.Generation;

/// <summary>Word lists for people and companies; invented, so no real person or customer appears in demo data.</summary>
internal static class NamePools
{
    public static readonly IReadOnlyList<string> FirstNames =
    [
        "Avery", "Bianca", "Carlos", "Dana", "Elif", "Farah", "Gareth", "Hana", "Ivan", "Jasmine",
        "Kenji", "Lena", "Marco", "Nadia", "Oscar", "Priya", "Quentin", "Rosa", "Sanjay", "Tessa",
        "Umar", "Vera", "Wei", "Ximena", "Yusuf", "Zoe", "Anders", "Beatriz", "Chidi", "Dmitri",
        "Eva", "Felix", "Grace", "Hugo", "Ines", "Jonas", "Kavya", "Liam", "Mei", "Noah",
    ];

    public static readonly IReadOnlyList<string> LastNames =
    [
        "Abbott", "Bergstrom", "Castillo", "Dubois", "Eriksen", "Fontaine", "Gallagher", "Hoffmann", "Iyer", "Jovanovic",
        "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov", "Quinn", "Rossi", "Schneider", "Tanaka",
        "Urban", "Varga", "Whitfield", "Xu", "Yamamoto", "Zielinski", "Ahmed", "Brennan", "Chen", "Delgado",
        "Ekström", "Fischer", "Gupta", "Haddad", "Ito", "Jensen", "Kim", "Lopez", "Murphy", "Novak",
    ];

    public static readonly IReadOnlyList<string> CompanyStems =
    [
        "Acorn", "Bluefin", "Cobalt", "Driftwood", "Ember", "Fjord", "Granite", "Harbor", "Indigo", "Juniper",
        "Kestrel", "Lumen", "Meridian", "Northwind", "Orchid", "Pinnacle", "Quartz", "Redwood", "Summit", "Tidal",
        "Umber", "Vantage", "Willow", "Xenon", "Yarrow", "Zephyr", "Atlas", "Beacon", "Cascade", "Delta",
    ];

    public static readonly IReadOnlyList<string> CompanySuffixes =
    [
        "Labs", "Systems", "Logistics", "Health", "Foods", "Energy", "Robotics", "Analytics", "Retail", "Media",
    ];

    public static readonly IReadOnlyList<string> DealKinds =
    [
        "New Business", "Platform", "Expansion", "Pilot", "Enterprise Licence", "Add-on Seats",
    ];

    public static string Company(Random rng) =>
        $"{CompanyStems[rng.Next(CompanyStems.Count)]} {CompanySuffixes[rng.Next(CompanySuffixes.Count)]}";
}
