using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace CrmSignalWorker.IntegrationTests.Infrastructure;

/// <summary>`crmsignal run` as a pod runs it: its own process, configured by environment variables, stopped by a signal.</summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private WorkerProcess(Process process, ConcurrentQueue<string> output)
    {
        _process = process;
        _output = output;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static WorkerProcess Start(IDictionary<string, string?> environment, ConcurrentQueue<string> output)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "crmsignal.dll"));
        start.ArgumentList.Add("run");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        // Drain the output so a chatty worker never blocks on a full pipe; keep it for a failure's message.
        process.OutputDataReceived += (_, e) => output.Enqueue($"[{process.Id}] {e.Data}");
        process.ErrorDataReceived += (_, e) => output.Enqueue($"[{process.Id}] {e.Data}");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new WorkerProcess(process, output);
    }

    /// <summary>A node failure: no clean shutdown, no lease released.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>What Kubernetes sends first: SIGTERM, then the grace period.</summary>
    public async Task TerminateAsync(TimeSpan grace)
    {
        using (var kill = Process.Start("kill", ["-TERM", Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(grace);
        await _process.WaitForExitAsync(timeout.Token);
    }

    public string RecentOutput(int lines) => string.Join('\n', _output.TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }
}
