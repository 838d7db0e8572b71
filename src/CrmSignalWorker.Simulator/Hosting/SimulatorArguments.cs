using System.Globalization;

namespace CrmSignalWorker.Simulator.Hosting;

/// <summary>The <c>crmsignal-simulator</c> command line.</summary>
internal sealed record SimulatorArguments
{
    public const string Usage =
        """
        usage: crmsignal-simulator [--port N] [--pubsub-port N] [--seed N] [--days N] [--end-date YYYY-MM-DD]
                                   [--opportunities N] [--leads N] [--accounts N]
                                   [--webhook-port N --webhook-dir DIR] [--ground-truth FILE]
        """;

    public int Port { get; init; }

    public int PubSubPort { get; init; }

    public int Seed { get; init; } = 42;

    public int? Days { get; init; }

    public DateOnly? EndDate { get; init; }

    public int? Opportunities { get; init; }

    public int? Leads { get; init; }

    public int? Accounts { get; init; }

    public int? WebhookPort { get; init; }

    public string? WebhookDirectory { get; init; }

    public string? GroundTruthFile { get; init; }

    /// <returns>Null with <paramref name="error"/> set when the arguments are unusable.</returns>
    public static SimulatorArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        var parsed = new SimulatorArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count)
            {
                error = $"{name} needs a value";
                return null;
            }

            var value = args[++i];
            error = null;
            parsed = name switch
            {
                "--port" => parsed with { Port = Int(name, value, 0, 65535, ref error) },
                "--pubsub-port" => parsed with { PubSubPort = Int(name, value, 0, 65535, ref error) },
                "--seed" => parsed with { Seed = Int(name, value, int.MinValue, int.MaxValue, ref error) },
                "--days" => parsed with { Days = Int(name, value, 3, 730, ref error) },
                "--opportunities" => parsed with { Opportunities = Int(name, value, 1, 200_000, ref error) },
                "--leads" => parsed with { Leads = Int(name, value, 0, 200_000, ref error) },
                "--accounts" => parsed with { Accounts = Int(name, value, 0, 50_000, ref error) },
                "--webhook-port" => parsed with { WebhookPort = Int(name, value, 0, 65535, ref error) },
                "--webhook-dir" => parsed with { WebhookDirectory = value },
                "--ground-truth" => parsed with { GroundTruthFile = value },
                "--end-date" => parsed with { EndDate = Date(name, value, ref error) },
                _ => Unknown(parsed, name, ref error),
            };

            if (error is not null)
            {
                return null;
            }
        }

        if (parsed.WebhookPort is not null && parsed.WebhookDirectory is null)
        {
            error = "--webhook-port needs --webhook-dir";
            return null;
        }

        error = null;
        return parsed;
    }

    public SimulatedOrgOptions ToOptions()
    {
        var options = new SimulatedOrgOptions { Port = Port, PubSubPort = PubSubPort, Seed = Seed, EndDate = EndDate };
        options.Days = Days ?? options.Days;
        options.Opportunities = Opportunities ?? options.Opportunities;
        options.Leads = Leads ?? options.Leads;
        options.Accounts = Accounts ?? options.Accounts;
        return options;
    }

    private static int Int(string name, string value, int min, int max, ref string? error)
    {
        if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        error = $"{name} must be an integer between {min} and {max}, not '{value}'";
        return 0;
    }

    private static DateOnly? Date(string name, string value, ref string? error)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        error = $"{name} must look like 2026-11-01, not '{value}'";
        return null;
    }

    private static SimulatorArguments Unknown(SimulatorArguments parsed, string name, ref string? error)
    {
        error = $"unknown option {name}";
        return parsed;
    }
}
