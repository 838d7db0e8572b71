using System.Globalization;
using System.Text;

namespace CrmSignalWorker.Simulator.Slack;

/// <summary>Writes each delivered message to <c>NNNN-hookname.json</c>, numbered in arrival order.</summary>
internal sealed class WebhookStore
{
    private readonly string _directory;
    private int _count;
    private int _lastNumber;

    public WebhookStore(string directory)
    {
        _directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(_directory);

        // Continue after files a previous run left, so a restarted demo never overwrites messages.
        _lastNumber = Directory.EnumerateFiles(_directory, "*.json")
            .Select(f => int.TryParse(Path.GetFileName(f).Split('-')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .DefaultIfEmpty(0)
            .Max();
    }

    public string DirectoryPath => _directory;

    public int Count => Volatile.Read(ref _count);

    public async Task<string> SaveAsync(string hookName, ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        var number = Interlocked.Increment(ref _lastNumber);
        var path = Path.Combine(_directory, string.Create(CultureInfo.InvariantCulture, $"{number:D4}-{SafeName(hookName)}.json"));
        await File.WriteAllBytesAsync(path, body.ToArray(), ct);
        Interlocked.Increment(ref _count);
        return path;
    }

    // Slack hook paths look like T000/B000/XXXX; keep them readable but safe as one file name.
    private static string SafeName(string hookName)
    {
        var name = new StringBuilder(hookName.Length);
        foreach (var c in hookName)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        }

        return name.Length == 0 ? "hook" : name.ToString();
    }
}
