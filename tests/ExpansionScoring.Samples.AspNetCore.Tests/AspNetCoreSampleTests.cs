using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ExpansionScoring.Samples.AspNetCore.Tests;

public sealed class AspNetCoreSampleTests : IClassFixture<AspNetCoreSampleTests.SampleFactory>
{
    private const string Acme = """
        {"id":"acme","name":"Acme Corp","plan":"Pro","arr":180000,"seatsPurchased":100,"seatsActive":92,
         "signals":{"PlanFit":92,"Velocity":90,"Engagement":78,"Champion":85,"Triggers":65}}
        """;

    private const string Helix = """
        {"id":"helix","name":"Helix BioTech","segment":"Enterprise","plan":"Pro","arr":60000,"daysToRenewal":200,
         "signals":{"PlanFit":55,"Velocity":50,"Engagement":40,"Champion":45,"Triggers":30}}
        """;

    private readonly SampleFactory factory;

    public AspNetCoreSampleTests(SampleFactory factory) => this.factory = factory;

    [Fact]
    public async Task PostScore_OneAccount_ReturnsTheExplainedScore()
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/score?asOf=2026-11-23", Json(Acme));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("acme", root.GetProperty("accountId").GetString());
        Assert.Equal("Hot", root.GetProperty("band").GetString());
        Assert.Equal("Seats", root.GetProperty("offer").GetString());
        Assert.Equal("Add 32 seats", root.GetProperty("offerLabel").GetString());
        Assert.Equal("Now", root.GetProperty("effectiveWindow").GetString());
        Assert.InRange(root.GetProperty("probability").GetDouble(), 81.7, 81.9);
        Assert.InRange(root.GetProperty("opportunity").GetDouble(), 29_000, 30_000);
    }

    [Fact]
    public async Task PostScore_Array_ReturnsOneResultPerAccountInOrder()
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/score?asOf=2026-11-23", Json($"[{Acme},{Helix}]"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["acme", "helix"], body.RootElement.EnumerateArray().Select(r => r.GetProperty("accountId").GetString()));
        Assert.Equal("Enterprise", body.RootElement[1].GetProperty("preset").GetString()); // SegmentPresets from appsettings.json
    }

    [Fact]
    public async Task PostScore_BadFields_Answers400ProblemDetailsNamingEachFieldWithoutErrorLogs()
    {
        using var client = factory.CreateClient();
        int errorsBefore = factory.Logs.Count(e => e.Level >= LogLevel.Error);

        using var response = await client.PostAsync("/score", Json("""[{"id":"ok","arr":10},{"arr":-5,"segment":"Galaxy","signals":{"PlanFit":120}}]"""));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = body.RootElement.GetProperty("errors");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(400, body.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(
            ["[1].arr", "[1].id", "[1].segment", "[1].signals.PlanFit"],
            errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(errorsBefore, factory.Logs.Count(e => e.Level >= LogLevel.Error));
    }

    [Fact]
    public async Task PostScore_MalformedJson_Answers400ProblemDetails()
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/score", Json("""{"id": "acme", """));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(body.RootElement.GetProperty("errors").TryGetProperty("$", out _));
    }

    [Fact]
    public async Task PostPortfolio_Book_AnswersTheLibrarysPortfolio()
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/portfolio?asOf=2026-11-23", Json($"[{Acme},{Helix}]"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        var bands = root.GetProperty("bands").EnumerateObject().ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, root.GetProperty("accountCount").GetInt32());
        Assert.Equal(240_000, root.GetProperty("totalArr").GetDouble());
        Assert.Equal(["Hot", "Warm", "Watch", "Cold"], bands.Select(b => b.Name));
        Assert.Equal(["Now", "Next30Days", "Next60Days", "Nurture"], root.GetProperty("windows").EnumerateObject().Select(w => w.Name));
        Assert.Equal(root.GetProperty("pipeline").GetDouble(), bands.Sum(b => b.Value.GetProperty("opportunity").GetDouble()), 6);
        Assert.Equal(1, bands[0].Value.GetProperty("count").GetInt32());
        Assert.Equal("acme", root.GetProperty("topOffers")[0].GetProperty("accountId").GetString());
        Assert.StartsWith("Pitch Acme Corp next", root.GetProperty("headline").GetString(), StringComparison.Ordinal);
        Assert.True(root.GetProperty("reportCard").TryGetProperty("grade", out _));
    }

    [Fact]
    public async Task PostScore_Ndjson_AnswersOneLinePerLineAndNamesEachBadOne()
    {
        using var client = factory.CreateClient();
        string body = $"{Acme.ReplaceLineEndings(" ")}\n\n{{\"id\":\"bad\",\"signals\":{{\"Nps\":5}}}}\n{Helix.ReplaceLineEndings(" ")}\n{Acme.ReplaceLineEndings(" ")}";

        using var response = await client.PostAsync("/score?asOf=2026-11-23", new StringContent(body, Encoding.UTF8, "application/x-ndjson"));
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(4, lines.Count);
        Assert.Equal("acme", lines[0].GetProperty("accountId").GetString());
        Assert.Equal(3, lines[1].GetProperty("line").GetInt32());
        Assert.StartsWith("Unknown signal 'Nps'", lines[1].GetProperty("errors").GetProperty("signals.Nps")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("helix", lines[2].GetProperty("accountId").GetString());
        Assert.Equal(5, lines[3].GetProperty("line").GetInt32());
        Assert.Contains("line 1", lines[3].GetProperty("errors").GetProperty("id")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostPortfolio_NdjsonAndArray_GiveTheSamePortfolio()
    {
        using var client = factory.CreateClient();

        using var array = await client.PostAsync("/portfolio?asOf=2026-11-23", Json($"[{Acme},{Helix}]"));
        using var lines = await client.PostAsync("/portfolio?asOf=2026-11-23", new StringContent($"{Acme.ReplaceLineEndings(" ")}\r\n{Helix.ReplaceLineEndings(" ")}\r\n", Encoding.UTF8, "application/x-ndjson"));

        Assert.Equal(HttpStatusCode.OK, lines.StatusCode);
        Assert.Equal(await array.Content.ReadAsStringAsync(), await lines.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GetPresets_ListsBuiltInsAndThePresetOfEachSegment()
    {
        using var client = factory.CreateClient();

        using var body = JsonDocument.Parse(await client.GetStringAsync("/presets"));
        var root = body.RootElement;

        Assert.Equal(
            ["MidMarketBalanced", "Enterprise", "ProductLed", "SmbSeatHeavy"],
            root.GetProperty("presets").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.Equal(0.4, root.GetProperty("presets")[1].GetProperty("weights").GetProperty("Champion").GetDouble());
        Assert.Equal("SmbSeatHeavy", root.GetProperty("bySegment").GetProperty("SMB").GetString());
    }

    [Fact]
    public void Start_BadConfiguration_StopsTheHostListingEveryBadKey()
    {
        using var bad = factory.WithWebHostBuilder(b => b.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ExpansionScoring:Weights:PlanFit"] = "1",
            ["ExpansionScoring:Weights:Champion"] = "-0.2",
            ["ExpansionScoring:Gates:MinTenureMonths"] = "-1",
        })));

        var ex = Assert.Throws<OptionsValidationException>(() => bad.CreateClient());

        Assert.Equal(
            "ExpansionScoring:Weights:Champion must be >= 0, was -0.2.; ExpansionScoring:Gates:MinTenureMonths must be >= 0, was -1.",
            ex.Message);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>The sample host with its log entries captured.</summary>
    public class SampleFactory : WebApplicationFactory<Program>
    {
        public ConcurrentQueue<(LogLevel Level, string Message)> Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
            => builder.ConfigureLogging(l => l.AddProvider(new CapturingProvider(Logs)));

        private sealed class CapturingProvider(ConcurrentQueue<(LogLevel, string)> logs) : ILoggerProvider
        {
            public ILogger CreateLogger(string categoryName) => new CapturingLogger(logs);

            public void Dispose()
            {
            }
        }

        private sealed class CapturingLogger(ConcurrentQueue<(LogLevel, string)> logs) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
                => logs.Enqueue((logLevel, formatter(state, exception)));
        }
    }
}
