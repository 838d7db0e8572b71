using CrmSignalWorker.Simulator.Slack;

namespace CrmSignalWorker.Simulator.Hosting;

/// <summary>The executable's body: start the org (and optionally the Slack sink), announce them, wait for shutdown.</summary>
internal static class SimulatorHost
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken stop)
    {
        var arguments = SimulatorArguments.Parse(args, out var problem);
        if (arguments is null)
        {
            await error.WriteLineAsync($"crmsignal-simulator: {problem}");
            await error.WriteLineAsync(SimulatorArguments.Usage);
            return 2;
        }

        await using var org = await SimulatedOrg.StartAsync(arguments.ToOptions(), TimeProvider.System, stop);

        // Written before the listeners are announced: whoever waits for those lines may read the file at once.
        if (arguments.GroundTruthFile is { } groundTruth)
        {
            await GroundTruthFile.WriteAsync(groundTruth, org.Scenario, stop);
        }

        await output.WriteLineAsync($"salesforce-org listening on {org.BaseUrl.GetLeftPart(UriPartial.Authority)}");

        await using var sink = arguments.WebhookDirectory is { } directory
            ? await WebhookSink.StartAsync(directory, arguments.WebhookPort ?? 0, stop)
            : null;
        if (sink is not null)
        {
            await output.WriteLineAsync($"slack-webhook listening on {sink.BaseUrl.GetLeftPart(UriPartial.Authority)}");
        }

        // After the lines scripts already read by position.
        await output.WriteLineAsync($"pubsub listening on {org.PubSubUrl.GetLeftPart(UriPartial.Authority)}");

        try
        {
            await output.FlushAsync(stop);
            await Task.Delay(Timeout.InfiniteTimeSpan, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Shutdown was requested; fall through to dispose the listeners.
        }

        return 0;
    }
}
