using System.Net;
using System.Text;
using CrmSignalWorker.Simulator.Slack;

namespace CrmSignalWorker.IntegrationTests.Simulator.Slack;

public sealed class WebhookSinkTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "crmsignal-sink-" + Path.GetRandomFileName());

    [Fact]
    public async Task Post_SlackMessage_Answers200OkAndStoresNumberedFiles()
    {
        await using var sink = await WebhookSink.StartAsync(_directory);
        using var http = new HttpClient { BaseAddress = sink.BaseUrl };

        using var first = await PostAsync(http, "/hooks/T000/B000/secret", """{"text":"first"}""");
        using var second = await PostAsync(http, "/hooks/ops-alerts", """{"blocks":[{"type":"section"}]}""");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("ok", await first.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(2, sink.ReceivedCount);
        var files = Directory.GetFiles(_directory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["0001-T000_B000_secret.json", "0002-ops-alerts.json"], files);
        Assert.Equal("""{"text":"first"}""", await File.ReadAllTextAsync(Path.Combine(_directory, files[0]!)));
    }

    [Theory]
    [InlineData("not json", "invalid_payload")]
    [InlineData("[1,2]", "invalid_payload")]
    [InlineData("""{"username":"bot"}""", "no_text")]
    public async Task Post_BadPayload_Answers400LikeSlackAndStoresNothing(string body, string expected)
    {
        await using var sink = await WebhookSink.StartAsync(_directory);
        using var http = new HttpClient { BaseAddress = sink.BaseUrl };

        using var response = await PostAsync(http, "/hooks/x", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task StartAsync_DirectoryWithEarlierMessages_ContinuesNumbering()
    {
        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(Path.Combine(_directory, "0007-old.json"), "{}");
        await using var sink = await WebhookSink.StartAsync(_directory);
        using var http = new HttpClient { BaseAddress = sink.BaseUrl };

        (await PostAsync(http, "/hooks/new", """{"text":"x"}""")).Dispose();

        Assert.True(File.Exists(Path.Combine(_directory, "0008-new.json")));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        return await http.PostAsync(path, content);
    }
}
