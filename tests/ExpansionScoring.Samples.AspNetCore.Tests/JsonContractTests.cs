extern alias tool;

using ExpansionScoring.Windows;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExpansionScoring.Extensions.DependencyInjection;
using ExpansionScoring.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using tool::ExpansionScoring.Cli.Commands;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace ExpansionScoring.Samples.AspNetCore.Tests;

/// <summary>
/// One JSON contract: the same book scored by the service, the library's serializer and the command-line tool gives
/// the same JSON for every account (names, fields present, signals as an object) and the same portfolio.
/// </summary>
public sealed class JsonContractTests : IClassFixture<AspNetCoreSampleTests.SampleFactory>, IDisposable
{
    private const string AsOfText = "2026-11-23";
    private static readonly DateOnly AsOf = new(2026, 11, 23);

    private readonly AspNetCoreSampleTests.SampleFactory factory;
    private readonly string folder = Directory.CreateTempSubdirectory("contract-").FullName;

    public JsonContractTests(AspNetCoreSampleTests.SampleFactory factory) => this.factory = factory;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Score_SameBook_ServiceLibraryAndToolWriteTheSameJson(int seed)
    {
        var book = Book(seed, 40);
        using var client = factory.CreateClient();

        using var response = await client.PostAsync($"/score?asOf={AsOfText}", Json(JsonSerializer.Serialize(book, ExpansionScoringJson.Options)));
        var service = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        string csv = WriteCsv(book);
        var tool = JsonNode.Parse(await RunToolAsync("score", csv, "--format", "json"))!["accounts"]!.AsArray();
        var toolLines = (await RunToolAsync("score", csv, "--format", "jsonl")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var model = factory.Services.GetRequiredService<IExpansionScorer>().Model;
        var web = factory.Services.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;

        Assert.Equal(book.Count, service.Count);
        Assert.Equal(book.Count, tool.Count);
        Assert.Equal(book.Count, toolLines.Length);
        for (int i = 0; i < book.Count; i++)
        {
            var library = JsonNode.Parse(JsonSerializer.Serialize(model.Explain(book[i], AsOf), web))!;
            Assert.True(JsonNode.DeepEquals(library, service[i]), $"service differs from the library for {book[i].Id}:\n{service[i]}\n{library}");
            // The tool writes scores and money rounded to 2 decimals (no float noise); the contract is the shape and the values as presented.
            Assert.True(SameAsPresented(library, tool[i]), $"tool differs from the library for {book[i].Id}:\n{tool[i]}\n{library}");
            Assert.True(SameAsPresented(library, JsonNode.Parse(toolLines[i])), $"jsonl differs from the library for {book[i].Id}:\n{toolLines[i]}\n{library}");
            Assert.Equal(JsonValueKind.Object, library["signals"]!.GetValueKind());
        }
    }

    [Fact]
    public void Serialize_ScoredAccount_PascalCaseOptionsUseTheSameShapeAndReadBack()
    {
        var scored = ScoringModel.Default.Explain(Book(4, 1)[0] with { WindowOverride = new Windows.WindowOverride { Window = PitchWindow.Now, Reason = "exec ask", ExpiresOn = AsOf } }, AsOf);

        string json = JsonSerializer.Serialize(scored, ExpansionScoringJson.Options);
        var back = JsonSerializer.Deserialize<ScoredAccount>(json, ExpansionScoringJson.Options)!;

        using var document = JsonDocument.Parse(json);
        Assert.True(document.RootElement.GetProperty("WindowOverride").GetProperty("Active").GetBoolean());
        Assert.Equal(JsonValueKind.Object, document.RootElement.GetProperty("Signals").ValueKind);
        Assert.Equal(json, JsonSerializer.Serialize(back, ExpansionScoringJson.Options));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public async Task Portfolio_SameBook_ServiceAnswersTheToolsJson(int seed)
    {
        var book = Book(seed, 60);
        using var client = factory.CreateClient();

        using var response = await client.PostAsync($"/portfolio?asOf={AsOfText}", Json(JsonSerializer.Serialize(book, ExpansionScoringJson.Options)));
        var service = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var tool = JsonNode.Parse(await RunToolAsync("portfolio", WriteCsv(book), "--format", "json"))!;

        Assert.True(JsonNode.DeepEquals(tool, service), $"service:\n{service}\ntool:\n{tool}");
        Assert.Equal(book.Count, service["accountCount"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(7, null)]
    [InlineData(8, "2026-11-16")]
    public async Task Compare_SameTwoBooks_ServiceAnswersTheToolsJson(int seed, string? asOfBefore)
    {
        // AFTER: some accounts gone, some new, the rest with moved signals, seats and renewals.
        var before = Book(seed, 50);
        var random = new Random(seed);
        var after = Book(seed + 100, 50)
            .Select((a, i) => a with { Id = i < 40 ? before[i].Id : $"new-{seed}-{i}", Name = i < 40 ? before[i].Name : a.Name, Segment = i < 40 ? before[i].Segment : a.Segment })
            .Where(_ => random.Next(10) != 0)
            .ToList();
        using var client = factory.CreateClient();
        string body = $$"""{"before":{{JsonSerializer.Serialize(before, ExpansionScoringJson.Options)}},"after":{{JsonSerializer.Serialize(after, ExpansionScoringJson.Options)}}}""";

        using var response = await client.PostAsync($"/compare?asOf={AsOfText}{(asOfBefore is null ? string.Empty : "&asOfBefore=" + asOfBefore)}", Json(body));
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        var service = JsonNode.Parse(text)!;
        string[] dates = asOfBefore is null ? [] : ["--as-of-before", asOfBefore];
        var tool = JsonNode.Parse(await RunToolAsync("compare", WriteCsv(before, "before.csv"), [WriteCsv(after, "after.csv"), "--format", "json", .. dates]))!;

        Assert.True(SameToTheLastBits(tool, service), $"service:\n{service}\ntool:\n{tool}");
        Assert.Equal(asOfBefore ?? AsOfText, service["before"]!["asOf"]!.GetValue<string>());
        Assert.NotEmpty(service["accounts"]!.AsArray());
        Assert.NotEmpty(service["added"]!.AsArray());
        Assert.NotEmpty(service["removed"]!.AsArray());
    }

    /// <summary>A varied book: every segment, plans, missing signals and seat counts, renewals near and far.</summary>
    internal static List<Account> Book(int seed, int count)
    {
        var random = new Random(seed);
        string[] plans = ["Starter", "Growth", "Pro", "Enterprise"];
        var book = new List<Account>();
        for (int i = 0; i < count; i++)
        {
            double? Signal() => random.Next(6) == 0 ? null : random.Next(101);
            var values = new[] { Signal(), Signal(), Signal(), Signal(), Signal() };
            var signals = Signals.SignalValues.Empty;
            for (int s = 0; s < values.Length; s++)
            {
                if (values[s] is { } v)
                {
                    signals = signals.With(Signals.SignalKey.BuiltIn[s], v);
                }
            }

            int seats = random.Next(5, 500);
            book.Add(new Account
            {
                Id = $"acct-{seed}-{i}",
                Name = $"Account {i}",
                Segment = (Segment)random.Next(3),
                Plan = plans[random.Next(plans.Length)],
                Arr = random.Next(1, 500) * 1000,
                Signals = signals,
                SeatsPurchased = random.Next(4) == 0 ? null : seats,
                SeatsActive = random.Next(4) == 0 ? null : random.Next(1, seats + 1),
                DaysToRenewal = random.Next(3) == 0 ? null : random.Next(0, 400),
                HealthScore = random.Next(3) == 0 ? null : random.Next(101),
                OpenP1P2Tickets = random.Next(3) == 0 ? null : random.Next(4),
            });
        }

        return book;
    }

    private string WriteCsv(IReadOnlyList<Account> book, string name = "book.csv")
    {
        var csv = new StringBuilder("accountId,name,segment,plan,arr,planFit,velocity,engagement,champion,triggers,seatsPurchased,seatsActive,daysToRenewal,healthScore,openP1P2Tickets\n");
        foreach (var a in book)
        {
            string Value(Signals.SignalKey key) => a.Signals.TryGetValue(key, out double v) ? Text(v) : string.Empty;
            csv.AppendJoin(',', a.Id, a.DisplayName, a.Segment, a.Plan, Text(a.Arr),
                Value(Signals.SignalKey.PlanFit), Value(Signals.SignalKey.Velocity), Value(Signals.SignalKey.Engagement), Value(Signals.SignalKey.Champion), Value(Signals.SignalKey.Triggers),
                Text(a.SeatsPurchased), Text(a.SeatsActive), Text(a.DaysToRenewal), Text(a.HealthScore), Text(a.OpenP1P2Tickets)).Append('\n');
        }

        string path = Path.Combine(folder, name);
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    private async Task<string> RunToolAsync(string command, string input, params string[] args)
    {
        // The tool scores with the host's options, written as a --config file.
        string config = Path.Combine(folder, "config.json");
        var options = factory.Services.GetRequiredService<IOptions<ExpansionScoringOptions>>().Value;
        File.WriteAllText(config, JsonSerializer.Serialize(options, ExpansionScoringJson.Options));
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new CliEnvironment(TimeProvider.System, ErrorIsTerminal: false, OutputIsTerminal: false, TerminalWidth: null);
        int code = await tool::ExpansionScoring.Cli.Cli.RunAsync([command, input, "--config", config, "--as-of", AsOfText, .. args], new StringReader(string.Empty), output, error, environment);
        Assert.True(code == 0, error.ToString());
        return output.ToString();
    }

    /// <summary>
    /// Whether two JSON trees have the same names, fields and values, numbers equal to within a cent or a hundredth of a
    /// point (the tool writes scores truncated and money rounded to 2 decimals).
    /// </summary>
    private static bool SameAsPresented(JsonNode? a, JsonNode? b) => (a, b) switch
    {
        (JsonObject x, JsonObject y) => x.Count == y.Count && x.All(p => y.ContainsKey(p.Key) && SameAsPresented(p.Value, y[p.Key])),
        (JsonArray x, JsonArray y) => x.Count == y.Count && x.Zip(y).All(p => SameAsPresented(p.First, p.Second)),
        (JsonValue x, JsonValue y) when x.GetValueKind() == JsonValueKind.Number && y.GetValueKind() == JsonValueKind.Number
            => Math.Abs(x.GetValue<double>() - y.GetValue<double>()) <= 0.01 + 1e-9,
        _ => JsonNode.DeepEquals(a, b),
    };

    /// <summary>
    /// Whether two JSON trees have the same names, fields and strings, numbers equal to within 1e-12 relative. The tool
    /// builds its model from the --config file and the host from its options, and their weights can differ in the last
    /// bit; a tie between two contributions ("+9 Triggers, -9 Velocity") may then be listed in either order, so a
    /// summary's comma-separated parts are compared as sets.
    /// </summary>
    private static bool SameToTheLastBits(JsonNode? a, JsonNode? b) => (a, b) switch
    {
        (JsonObject x, JsonObject y) => x.Count == y.Count && x.All(p => y.ContainsKey(p.Key) && SameToTheLastBits(p.Value, y[p.Key])),
        (JsonArray x, JsonArray y) => x.Count == y.Count && x.Zip(y).All(p => SameToTheLastBits(p.First, p.Second)),
        (JsonValue x, JsonValue y) when x.GetValueKind() == JsonValueKind.Number && y.GetValueKind() == JsonValueKind.Number
            => Math.Abs(x.GetValue<double>() - y.GetValue<double>()) <= 1e-12 * Math.Max(1, Math.Abs(x.GetValue<double>())),
        (JsonValue x, JsonValue y) when x.GetValueKind() == JsonValueKind.String && y.GetValueKind() == JsonValueKind.String
            => Parts(x.GetValue<string>()).SetEquals(Parts(y.GetValue<string>())),
        _ => JsonNode.DeepEquals(a, b),
    };

    private static HashSet<string> Parts(string text) => [.. text.Split(["; ", ": ", ", "], StringSplitOptions.None)];

    private static string Text(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
