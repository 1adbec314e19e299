using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace ExpansionScoring.Samples.AspNetCore.Tests;

/// <summary>Every client mistake is a 4xx problem-details answer naming the field, never a 500, never an error log.</summary>
public sealed class ClientErrorTests : IClassFixture<AspNetCoreSampleTests.SampleFactory>
{
    private const string Acme = """{"id":"acme","arr":180000,"signals":{"PlanFit":92,"Velocity":90,"Engagement":78,"Champion":85,"Triggers":65}}""";

    private readonly AspNetCoreSampleTests.SampleFactory factory;

    public ClientErrorTests(AspNetCoreSampleTests.SampleFactory factory) => this.factory = factory;

    [Theory]
    [InlineData("/score")]
    [InlineData("/portfolio")]
    public async Task Post_BodyOverTheLimit_Answers413NamingTheLimit(string endpoint)
    {
        using var small = WithLimits(("MaxRequestBodyBytes", "2048"));
        using var client = small.CreateClient();
        string body = "[" + string.Join(",", Enumerable.Range(0, 40).Select(i => Acme.Replace("acme", $"a{i}", StringComparison.Ordinal))) + "]";

        var (status, problem) = await PostAsync(client, endpoint, Json(body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("2048", Error(problem, "$"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostScore_ChunkedBodyOverTheLimit_Answers413WhileReading()
    {
        using var small = WithLimits(("MaxRequestBodyBytes", "2048"));
        using var client = small.CreateClient();
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Repeat(Acme, 40)) + "]")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var (status, problem) = await PostAsync(client, "/score", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("2048", Error(problem, "$"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostScore_TooManyAccounts_Answers413PointingToNdjson()
    {
        using var small = WithLimits(("MaxAccountsPerBatch", "2"));
        using var client = small.CreateClient();

        var (status, problem) = await PostAsync(client, "/score", Json($"[{Acme},{Acme.Replace("acme", "b", StringComparison.Ordinal)},{Acme.Replace("acme", "c", StringComparison.Ordinal)}]"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("At most 2 accounts", Error(problem, "$"), StringComparison.Ordinal);
        Assert.Contains("application/x-ndjson", Error(problem, "$"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/score", "text/plain")]
    [InlineData("/portfolio", "application/xml")]
    public async Task Post_WrongContentType_Answers415NamingTheHeader(string endpoint, string contentType)
    {
        using var client = factory.CreateClient();

        var (status, problem) = await PostAsync(client, endpoint, new StringContent(Acme, Encoding.UTF8, contentType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Contains(contentType, Error(problem, "Content-Type"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/score?asOf=23.11.2026", "asOf", "yyyy-MM-dd")]
    [InlineData("/portfolio?asOf=2026-13-01", "asOf", "yyyy-MM-dd")]
    [InlineData("/portfolio?top=-1", "top", "0..1000")]
    public async Task Post_BadQueryValue_Answers400WithTheExpectedFormat(string url, string field, string expected)
    {
        using var client = factory.CreateClient();

        var (status, problem) = await PostAsync(client, url, Json(Acme));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, Error(problem, field), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/score")]
    [InlineData("/portfolio")]
    public async Task Post_DuplicateIds_Answers400NamingEachRepeat(string endpoint)
    {
        using var client = factory.CreateClient();

        var (status, problem) = await PostAsync(client, endpoint, Json($"[{Acme},{Acme.Replace("acme", "b", StringComparison.Ordinal)},{Acme}]"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["[2].id"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Contains("'acme'", Error(problem, "[2].id"), StringComparison.Ordinal);
        Assert.Contains("[0]", Error(problem, "[2].id"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostScore_UnknownSignal_Answers400NamingItAndTheKnownOnes()
    {
        using var client = factory.CreateClient();

        var (status, problem) = await PostAsync(client, "/score", Json("""[{"id":"a","arr":10,"signals":{"PlanFit":50,"Nps":50}}]"""));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(
            "Unknown signal 'Nps'; this model knows PlanFit, Velocity, Engagement, Champion, Triggers.",
            Error(problem, "[0].signals.Nps"));
    }

    [Theory]
    [InlineData("""{"id":"a","arr":1,"id":"b"}""", "$")]
    [InlineData("""{"id":"a","arr":1e400}""", "arr")]
    [InlineData("""{"id":"a","arr":"lots"}""", "arr")]
    [InlineData("""{"id":"a","signals":{"PlanFit":101}}""", "signals.PlanFit")]
    [InlineData("""[1, "x"]""", "[0]")]
    [InlineData("\"acme\"", "$")]
    public async Task PostScore_MalformedAccount_Answers400NamingTheField(string body, string field)
    {
        using var client = factory.CreateClient();

        var (status, problem) = await PostAsync(client, "/score", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotEmpty(Error(problem, field));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/x-ndjson")]
    public async Task PostPortfolio_InvalidUtf8InAName_Answers400NamingTheByte(string contentType)
    {
        using var client = factory.CreateClient();
        var content = new ByteArrayContent([.. "[{\""u8, 0xC3, 0x28, .. "id\":\"a\"}]"u8]);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);

        var (status, problem) = await PostAsync(client, "/portfolio", content);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("byte 3 (0xC3)", problem.GetProperty("errors").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostPortfolio_NdjsonWithBadLines_Answers400ListingEachLine()
    {
        using var client = factory.CreateClient();
        string body = $"{Acme}\n\n{{\"id\":\"x\",\"arr\":-1}}\nnot json\n{Acme}\n";

        var (status, problem) = await PostAsync(client, "/portfolio", new StringContent(body, Encoding.UTF8, "application/x-ndjson"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["line 3: arr", "line 4", "line 5: id"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PostScore_NdjsonLineLongerThanTheLimit_StopsWithAFinalErrorLine()
    {
        using var client = factory.CreateClient();
        string body = $"{Acme}\n{{\"id\":\"b\",\"name\":\"{new string('x', 70_000)}\"}}\n{Acme.Replace("acme", "c", StringComparison.Ordinal)}\n";

        using var response = await client.PostAsync("/score", new StringContent(body, Encoding.UTF8, "application/x-ndjson"));
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, lines.Length);
        Assert.Contains("\"accountId\":\"acme\"", lines[0], StringComparison.Ordinal);
        Assert.Contains("longer than 65536 bytes", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostScore_NestingDeeperThanTheLimit_Answers400BeforeReadingFurther()
    {
        using var client = factory.CreateClient();
        string deep = string.Concat(Enumerable.Repeat("[", 17)) + string.Concat(Enumerable.Repeat("]", 17));

        var (status, problem) = await PostAsync(client, "/score", Json(deep));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("depth", Error(problem, "$"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Start_BadServiceLimits_StopsTheHostListingEveryBadKey()
    {
        using var bad = WithLimits(("MaxRequestBodyBytes", "10"), ("MaxJsonDepth", "1000"));

        // The host stops at start-up; depending on where the start-up fails, the factory may wrap the validation error.
        var thrown = Record.Exception(() => bad.CreateClient());
        Assert.NotNull(thrown);
        var ex = Assert.IsType<Microsoft.Extensions.Options.OptionsValidationException>(ValidationError(thrown));

        Assert.Equal("ScoringService:MaxRequestBodyBytes must be >= 1024, was 10.; ScoringService:MaxJsonDepth must be in 5..256, was 1000.", ex.Message);
        await Task.CompletedTask;
    }

    [Theory]
    [InlineData("""{"before":[A,A],"after":[]}""", "before[1].id", "before[0] has it too")]
    [InlineData("""{"before":[],"after":[A,{"id":"b","signals":{"Nps":50}}]}""", "after[1].signals.Nps", "Unknown signal 'Nps'")]
    [InlineData("""{"before":[A],"after":[{"id":"b","arr":-5}]}""", "after[0].arr", "")]
    [InlineData("""{"before":[A]}""", "after", "Required")]
    [InlineData("""{"before":{},"after":[]}""", "before", "Expected an array")]
    [InlineData("""{"before":[],"after":[],"extra":1}""", "extra", "Unknown field")]
    [InlineData("""[A]""", "$", "before")]
    public async Task PostCompare_BadBook_Answers400NamingTheSideAndField(string body, string field, string message)
    {
        using var client = factory.CreateClient();

        var (status, problem) = await PostAsync(client, "/compare", Json(body.Replace("A", Acme, StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(message, Error(problem, field), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostCompare_SideOverTheBatchLimit_Answers413NamingTheSide()
    {
        using var small = WithLimits(("MaxAccountsPerBatch", "1"));
        using var client = small.CreateClient();

        var (status, problem) = await PostAsync(client, "/compare", Json($$"""{"before":[{{Acme}}],"after":[{{Acme}},{{Acme.Replace("acme", "b", StringComparison.Ordinal)}}]}"""));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("At most 1 accounts", Error(problem, "after"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/compare?asOfBefore=16.11.2026", "asOfBefore", "yyyy-MM-dd")]
    [InlineData("/compare?asOfAfter=2026-02-30", "asOfAfter", "yyyy-MM-dd")]
    [InlineData("/compare?asOf=tomorrow", "asOf", "yyyy-MM-dd")]
    [InlineData("/compare?all=yes", "all", "true or false")]
    public async Task PostCompare_BadQueryValue_Answers400NamingIt(string url, string field, string expected)
    {
        using var client = factory.CreateClient();

        var (status, problem) = await PostAsync(client, url, Json("""{"before":[],"after":[]}"""));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, Error(problem, field), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/x-ndjson")]
    [InlineData("text/plain")]
    public async Task PostCompare_NotJson_Answers415(string contentType)
    {
        using var client = factory.CreateClient();

        var (status, problem) = await PostAsync(client, "/compare", new StringContent("""{"before":[],"after":[]}""", Encoding.UTF8, contentType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Contains("application/json", Error(problem, "Content-Type"), StringComparison.Ordinal);
    }

    private WebApplicationFactory<Program> WithLimits(params (string Key, string Value)[] limits)
        => factory.WithWebHostBuilder(b => b.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(
            limits.Select(l => new KeyValuePair<string, string?>($"ScoringService:{l.Key}", l.Value)))));

    private async Task<(HttpStatusCode Status, JsonElement Problem)> PostAsync(HttpClient client, string url, HttpContent content)
    {
        int errorsBefore = factory.Logs.Count(e => e.Level >= LogLevel.Error);
        using var response = await client.PostAsync(url, content);
        string text = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
        Assert.Equal(errorsBefore, factory.Logs.Count(e => e.Level >= LogLevel.Error));
        using var document = JsonDocument.Parse(text);
        var problem = document.RootElement.Clone();
        Assert.Equal((int)response.StatusCode, problem.GetProperty("status").GetInt32());
        return (response.StatusCode, problem);
    }

    private static string Error(JsonElement problem, string field)
        => string.Join(" ", problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()));

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static Exception ValidationError(Exception thrown)
    {
        for (Exception? e = thrown; e is not null; e = e is AggregateException a && a.InnerExceptions.Count == 1 ? a.InnerExceptions[0] : e.InnerException)
        {
            if (e is Microsoft.Extensions.Options.OptionsValidationException)
            {
                return e;
            }
        }

        return thrown;
    }
}
