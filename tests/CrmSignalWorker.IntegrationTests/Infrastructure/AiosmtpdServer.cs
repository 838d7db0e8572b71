using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace CrmSignalWorker.IntegrationTests.Infrastructure;

/// <summary>
/// A real SMTP server we did not write: aiosmtpd (Debian package python3-aiosmtpd) run as a child
/// process on a free loopback port, storing every accepted message in a maildir. Stop and start it
/// again to simulate an outage on the same port. Missing prerequisites fail the test rather than
/// skip it, so a CI image without the package cannot pass silently. Use it per test through
/// <see cref="StartNewAsync"/>, or shared as an xunit class fixture (it starts in InitializeAsync).
/// </summary>
public sealed class AiosmtpdServer : IAsyncLifetime, IAsyncDisposable
{
    public const string DebianPackage = "python3-aiosmtpd";
    private const string DefaultPython = "/usr/bin/python3";
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(20);
    private static readonly string[] s_maildirLayout = ["tmp", "new", "cur"];
    private static readonly string[] s_maildirFolders = ["new", "cur"];

    private readonly StringBuilder _output = new();
    private readonly string _python;
    private Process? _process;

    public AiosmtpdServer()
        : this(DefaultPython)
    {
    }

    /// <summary>For proving that a missing interpreter or module fails loudly.</summary>
    internal AiosmtpdServer(string python)
    {
        _python = python;
        Port = FreeLoopbackPort();
        Maildir = Path.Combine(Path.GetTempPath(), $"aiosmtpd-{Guid.NewGuid():N}");
    }

    public string Host { get; } = IPAddress.Loopback.ToString();

    public int Port { get; }

    /// <summary>Where aiosmtpd's Mailbox handler writes each accepted message (maildir layout).</summary>
    public string Maildir { get; }

    /// <summary>Creates a server and starts it; the caller disposes it.</summary>
    public static async Task<AiosmtpdServer> StartNewAsync()
    {
        var server = new AiosmtpdServer();
        try
        {
            await server.StartAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts aiosmtpd on <see cref="Port"/> and returns once it greets SMTP clients.</summary>
    public async Task StartAsync()
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("aiosmtpd is already running; call StopAsync first.");
        }

        await EnsurePrerequisitesAsync();

        // Python's mailbox.Maildir only lays out tmp/new/cur when it creates the root itself.
        foreach (var folder in s_maildirLayout)
        {
            Directory.CreateDirectory(Path.Combine(Maildir, folder));
        }

        var startInfo = new ProcessStartInfo(_python)
        {
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}", "-c", "aiosmtpd.handlers.Mailbox", Maildir },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.Environment["PYTHONUNBUFFERED"] = "1";

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {_python} -m aiosmtpd.");
        process.OutputDataReceived += (_, e) => Capture(e.Data);
        process.ErrorDataReceived += (_, e) => Capture(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        try
        {
            await WaitUntilGreetingAsync(process);
        }
        catch
        {
            await StopAsync();
            throw;
        }
    }

    /// <summary>Kills the server; until <see cref="StartAsync"/> connections to the port are refused.</summary>
    public async Task StopAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had already exited; there is nothing left to stop.
        }

        await process.WaitForExitAsync();
        process.Dispose();
    }

    /// <summary>Every message accepted so far, oldest first, as the receiver stored it.</summary>
    public IReadOnlyList<MimeMessage> ReadMessages() =>
        [.. s_maildirFolders
            .Select(folder => Path.Combine(Maildir, folder))
            .Where(Directory.Exists)
            .SelectMany(Directory.EnumerateFiles)
            .OrderBy(File.GetLastWriteTimeUtc)
            .Select(path => MimeMessage.Load(path))];

    /// <summary>Forgets every stored message, for fixtures shared between tests.</summary>
    public void ClearMessages()
    {
        foreach (var file in s_maildirFolders.Select(folder => Path.Combine(Maildir, folder)).Where(Directory.Exists).SelectMany(Directory.EnumerateFiles))
        {
            File.Delete(file);
        }
    }

    Task IAsyncLifetime.InitializeAsync() => StartAsync();

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (Directory.Exists(Maildir))
        {
            Directory.Delete(Maildir, recursive: true);
        }
    }

    private async Task EnsurePrerequisitesAsync()
    {
        if (!File.Exists(_python))
        {
            throw new InvalidOperationException(
                $"SMTP integration tests need {_python} with the aiosmtpd module: install the Debian package {DebianPackage} (apt-get install {DebianPackage}).");
        }

        using var probe = Process.Start(new ProcessStartInfo(_python)
        {
            ArgumentList = { "-c", "import aiosmtpd" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"Could not start {_python}.");
        var error = await probe.StandardError.ReadToEndAsync();
        await probe.WaitForExitAsync();
        if (probe.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"SMTP integration tests need the Python module aiosmtpd: install the Debian package {DebianPackage} (apt-get install {DebianPackage}). {_python} said: {error.Trim()}");
        }
    }

    /// <summary>
    /// Waits for a 220 greeting rather than a mere connect, so a port someone else grabbed between
    /// <see cref="FreeLoopbackPort"/> and start-up cannot pass for our server.
    /// </summary>
    private async Task WaitUntilGreetingAsync(Process process)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"aiosmtpd exited with code {process.ExitCode} before accepting connections: {CapturedOutput()}");
            }

            if (deadline.Elapsed > s_startTimeout)
            {
                throw new TimeoutException($"aiosmtpd did not greet on {Host}:{Port} within {s_startTimeout}: {CapturedOutput()}");
            }

            try
            {
                using var client = new TcpClient();
                using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await client.ConnectAsync(IPAddress.Loopback, Port, attempt.Token);
                using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);
                var greeting = await reader.ReadLineAsync(attempt.Token);
                if (greeting?.StartsWith("220", StringComparison.Ordinal) == true)
                {
                    var quit = Encoding.ASCII.GetBytes("QUIT\r\n");
                    await client.GetStream().WriteAsync(quit, attempt.Token);
                    return;
                }
            }
            catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
            {
                // Not listening yet; aiosmtpd needs a moment to import and bind.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private string CapturedOutput()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }
}
