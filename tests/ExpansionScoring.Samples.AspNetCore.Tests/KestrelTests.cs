using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;

namespace ExpansionScoring.Samples.AspNetCore.Tests;

/// <summary>
/// The sample on a real Kestrel server on 127.0.0.1, where the server itself enforces the body limit: an oversized
/// body, sent whole before the answer is read (as most clients do), is a 413 problem, not a 500 or a reset connection.
/// </summary>
public sealed class KestrelTests : IClassFixture<KestrelTests.LoopbackFactory>
{
    private readonly LoopbackFactory factory;

    public KestrelTests(LoopbackFactory factory) => this.factory = factory;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PostScore_BodyOverTheLimitOnKestrel_Answers413ProblemWithoutAnErrorLog(bool announceLength)
    {
        using var client = factory.CreateClient();
        Assert.Equal("127.0.0.1", client.BaseAddress!.Host);
        int errorsBefore = factory.Logs.Count(e => e.Level >= LogLevel.Error);
        byte[] body = Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Range(0, 400_000).Select(i => $"{{\"id\":\"a{i}\",\"arr\":1000,\"signals\":{{\"PlanFit\":50}}}}")) + "]");
        Assert.True(body.Length > 16 * 1024 * 1024);
        HttpContent content = announceLength ? new ByteArrayContent(body) : new StreamContent(new MemoryStream(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (!announceLength)
        {
            content.Headers.ContentLength = null;
        }

        using var response = await client.PostAsync("/score", content);
        string text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("16777216", text, StringComparison.Ordinal);
        Assert.Equal(errorsBefore, factory.Logs.Count(e => e.Level >= LogLevel.Error));
    }

    /// <summary>The sample host on Kestrel, on a free loopback port.</summary>
    public sealed class LoopbackFactory : AspNetCoreSampleTests.SampleFactory
    {
        public LoopbackFactory()
        {
            UseKestrel(0);
            StartServer();
        }
    }
}
