namespace CrmSignalWorker.Simulator.Generation;

/// <summary>The three sales markets and the UTC hours their people work.</summary>
internal static class Markets
{
    public const string NorthAmerica = "NA";
    public const string Emea = "EMEA";
    public const string Apac = "APAC";

    public static readonly IReadOnlyList<string> All = [NorthAmerica, Emea, Apac];

    /// <summary>Working hours are [start, start + 9h) UTC, which never crosses midnight, so a day number is a UTC date.</summary>
    public const int WorkingHours = 9;

    public static int WorkdayStartHourUtc(string market) => market switch
    {
        NorthAmerica => 14,
        Emea => 7,
        _ => 0,
    };

    /// <summary>NA carries most pipeline, APAC the least.</summary>
    public static string Pick(Random rng)
    {
        var roll = rng.Next(100);
        return roll < 45 ? NorthAmerica : roll < 80 ? Emea : Apac;
    }
}
