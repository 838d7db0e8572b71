namespace CrmSignalWorker.Cli;

/// <summary>Parsed arguments: positional words and --name value options.</summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string> _options;

    private CommandLine(List<string> words, Dictionary<string, string> options)
    {
        Words = words;
        _options = options;
    }

    public IReadOnlyList<string> Words { get; }

    /// <summary>Splits args; options take the next argument as value. Throws <see cref="UsageException"/> on a dangling option.</summary>
    public static CommandLine Parse(IReadOnlyList<string> args, IReadOnlySet<string> flagsWithoutValue)
    {
        var words = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                words.Add(arg);
                continue;
            }

            var name = arg[2..];
            if (flagsWithoutValue.Contains(name))
            {
                options[name] = "true";
                continue;
            }

            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"option --{name} needs a value");
            }

            options[name] = args[++i];
        }

        return new CommandLine(words, options);
    }

    public string? Option(string name) => _options.GetValueOrDefault(name);

    public string RequiredOption(string name, string what) =>
        Option(name) is { Length: > 0 } value ? value : throw new UsageException($"--{name} is required: {what}");

    public void RejectUnknownOptions(params string[] known)
    {
        foreach (var name in _options.Keys)
        {
            if (!known.Contains(name))
            {
                throw new UsageException($"unknown option --{name}");
            }
        }
    }
}

/// <summary>The command line was wrong; the message says how.</summary>
internal sealed class UsageException(string message) : Exception(message);
