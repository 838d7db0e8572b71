using System.Net;
using System.Text.RegularExpressions;
using CrmSignalWorker.Salesforce.PubSub.Protocol;
using CrmSignalWorker.Simulator.Hosting;
using CrmSignalWorker.Simulator.PubSub;
using Grpc.Core;
using Grpc.Net.Client;
using Proto = CrmSignalWorker.Salesforce.PubSub.Protocol;

namespace CrmSignalWorker.IntegrationTests.Simulator.PubSub;

public sealed partial class PubSubListenerTests
{
    [Fact]
    public async Task StartAsync_TwoListeners_RestStaysOffThePubSubPortAndGrpcOffTheRestPort()
    {
        await using var sut = await PubSubTestOrg.StartAsync();
        using var http = new HttpClient();
        using var restChannel = GrpcChannel.ForAddress(sut.Org.BaseUrl);
        var restClient = new Proto.PubSub.PubSubClient(restChannel);

        using var tokenOnPubSubPort = await http.PostAsync(new Uri(sut.Org.PubSubUrl, "/services/oauth2/token"), null);
        var grpcOnRestPort = await Assert.ThrowsAsync<RpcException>(
            () => restClient.GetTopicAsync(new TopicRequest { TopicName = PubSubTopics.LeadChangeEvent }, sut.Headers).ResponseAsync);

        Assert.NotEqual(sut.Org.BaseUrl.Port, sut.Org.PubSubUrl.Port);
        Assert.Equal("http://127.0.0.1:" + sut.Org.PubSubUrl.Port + "/", sut.Org.PubSubUrl.ToString());
        Assert.NotEqual(HttpStatusCode.OK, tokenOnPubSubPort.StatusCode);
        Assert.NotEqual(StatusCode.OK, grpcOnRestPort.StatusCode);
        Assert.Equal(0, sut.Org.ApiRequestCount);
    }

    [Fact]
    public async Task RunAsync_PubSubPortOption_AnnouncesAndServesTheListener()
    {
        var output = new StringWriter();
        var synchronized = TextWriter.Synchronized(output);
        using var stop = new CancellationTokenSource();
        var run = SimulatorHost.RunAsync(
            ["--seed", "3", "--opportunities", "20", "--leads", "5", "--end-date", "2026-11-23", "--pubsub-port", "0"],
            synchronized,
            TextWriter.Null,
            stop.Token);

        var match = await WaitForAnnouncementAsync(output, synchronized, run);
        using var channel = GrpcChannel.ForAddress(match);
        var client = new Proto.PubSub.PubSubClient(channel);
        var error = await Assert.ThrowsAsync<RpcException>(
            () => client.GetTopicAsync(new TopicRequest { TopicName = PubSubTopics.LeadChangeEvent }).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        await stop.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    private static async Task<string> WaitForAnnouncementAsync(StringWriter output, TextWriter writerLock, Task run)
    {
        using var timeout = new CancellationTokenSource(PubSubTestOrg.Patience);
        while (!timeout.IsCancellationRequested)
        {
            Assert.False(run.IsCompleted, "simulator exited before announcing its listeners");
            string text;
            lock (writerLock)
            {
                text = output.ToString();
            }

            var match = Announcement().Match(text);
            if (match.Success)
            {
                return match.Groups[1].Value;
            }

            await Task.Delay(50);
        }

        Assert.Fail("no 'pubsub listening on' line");
        return "";
    }

    [GeneratedRegex(@"^pubsub listening on (http://127\.0\.0\.1:\d+)$", RegexOptions.Multiline)]
    private static partial Regex Announcement();
}
