using System.Text.Json;
using ExpansionScoring.Cli.Commands;
using static ExpansionScoring.Cli.Tests.CliHarness;

namespace ExpansionScoring.Cli.Tests.Commands;

/// <summary>End-to-end runs of <c>portfolio</c> and <c>demo</c>: the JSON contract, the demo headline through the Portfolio API, <c>--model</c>.</summary>
public class PortfolioCommandTests
{
    private const double OneK = 1_000;

    [Fact]
    public async Task Portfolio_Json_WritesExactlyTheContractShape()
    {
        var result = await RunAsync("portfolio", Fixture("book.csv"), "--as-of", AsOfText, "--format", "json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var root = result.Json();
        Assert.Equal(["accountCount", "totalArr", "pipeline", "bands", "windows", "topOffers", "headline", "reportCard"], Names(root));
        Assert.Equal(["Hot", "Warm", "Watch", "Cold"], Names(root.GetProperty("bands")));
        Assert.Equal(["Now", "Next30Days", "Next60Days", "Nurture"], Names(root.GetProperty("windows")));
        foreach (var bucket in root.GetProperty("bands").EnumerateObject().Concat(root.GetProperty("windows").EnumerateObject()))
        {
            Assert.Equal(["count", "arr", "opportunity"], Names(bucket.Value));
        }

        var offers = root.GetProperty("topOffers");
        Assert.NotEqual(0, offers.GetArrayLength());
        foreach (var offer in offers.EnumerateArray())
        {
            Assert.Equal(["accountId", "name", "offer", "offerLabel", "probability", "opportunity", "band", "window", "rationale", "confidence"], Names(offer));
            Assert.Contains(offer.GetProperty("offer").GetString(), new[] { "Seats", "Tier", "AddOn", "MultiYear", "Nurture" });
        }

        var card = root.GetProperty("reportCard");
        Assert.True(card.TryGetProperty("grade", out _));
        Assert.Equal("AccountExpansion", card.GetProperty("dimensions")[0].GetProperty("dimension").GetString());
        Assert.Equal(root.GetProperty("accountCount").GetInt32(), root.GetProperty("bands").EnumerateObject().Sum(b => b.Value.GetProperty("count").GetInt32()));
    }

    [Theory]
    [InlineData("json")]
    [InlineData("table")]
    [InlineData("html")]
    public async Task Portfolio_BatchPath_EqualsTheRowRoute(string format)
    {
        // A varied book: spellings only the full parser takes, quoted and non-ASCII names, seats, dates, gates,
        // missing signals. Without overrides the portfolio is summed from the batch path's outcome columns; an
        // overrides file (naming no account of the book) sends it down the row route, account by account.
        var random = new Random(17);
        var lines = new List<string> { "account_id,name,segment,plan,arr,plan_fit,velocity,engagement,champion,triggers,seats_purchased,seats_active,renewal_date,health_score,open_p1_p2_tickets,contract_start_date" };
        string[] segments = ["SMB", "MidMarket", "Enterprise", "mid-market", ""];
        string[] plans = ["Starter", "Growth", "Pro", "Enterprise", ""];
        for (int i = 0; i < 400; i++)
        {
            string Signal() => random.Next(8) == 0 ? string.Empty : (random.Next(1001) / 10.0).ToString(System.Globalization.CultureInfo.InvariantCulture);
            int purchased = random.Next(1, 400);
            string name = (i % 3) switch { 0 => $"Account {i}", 1 => $"\"Café {i}, Inc.\"", _ => string.Empty };
            lines.Add(string.Join(',',
                $"id-{i:D4}", name, segments[random.Next(segments.Length)], plans[random.Next(plans.Length)], random.Next(1_000, 2_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Signal(), Signal(), Signal(), Signal(), Signal(),
                purchased.ToString(System.Globalization.CultureInfo.InvariantCulture), random.Next(0, purchased + 50).ToString(System.Globalization.CultureInfo.InvariantCulture),
                random.Next(5) == 0 ? string.Empty : AsOf.AddDays(random.Next(-30, 400)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                random.Next(4) == 0 ? string.Empty : random.Next(30, 101).ToString(System.Globalization.CultureInfo.InvariantCulture),
                random.Next(4) == 0 ? string.Empty : (random.Next(10) == 0 ? "1" : "0"),
                random.Next(5) == 0 ? string.Empty : AsOf.AddDays(-random.Next(10, 900)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        }

        using var temp = Temp();
        string book = temp.Write("book.csv", string.Join('\n', lines) + "\n");
        string overrides = temp.Write("overrides.csv", "account_id,window,reason,author,expires\nghost,Now,Not in the book,,\n");

        var batch = await RunAsync("portfolio", book, "--as-of", AsOfText, "--format", format, "--top", "25");
        var rows = await RunAsync("portfolio", book, "--as-of", AsOfText, "--format", format, "--top", "25", "--overrides", overrides);

        Assert.Equal(ExitCodes.Success, batch.ExitCode);
        Assert.Equal(rows.ExitCode, batch.ExitCode);
        Assert.Contains("id-0", batch.Stdout, StringComparison.Ordinal);
        Assert.Equal(rows.Stdout, batch.Stdout);
    }

    [Fact]
    public async Task Portfolio_JsonAndCsvInputs_GiveTheSameSummary()
    {
        var csv = await RunAsync("portfolio", Fixture("book.csv"), "--as-of", AsOfText, "--format", "json");
        var json = await RunAsync("portfolio", Fixture("book.json"), "--as-of", AsOfText, "--format", "json");

        Assert.Equal(csv.ExitCode, json.ExitCode);
        Assert.Equal(csv.Stdout, json.Stdout);
    }

    [Fact]
    public async Task Demo_Json_ReproducesTheReferenceHeadlineThroughThePortfolioApi()
    {
        var result = await RunAsync("demo", "--format", "json", "--as-of", AsOfText);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var root = result.Json();
        Assert.Equal(8, root.GetProperty("accountCount").GetInt32());
        Assert.Equal(556_000, root.GetProperty("totalArr").GetDouble(), 6);
        Assert.Equal(98_000, root.GetProperty("pipeline").GetDouble(), OneK);
        AssertBand(root, "Hot", 2, 276_000, 45_000);
        AssertBand(root, "Warm", 3, 168_000, 29_000);
        AssertBand(root, "Watch", 3, 112_000, 24_000);
        AssertBand(root, "Cold", 0, 0, 0);
        Assert.Equal("Pitch Acme Corp next — $30K on the table", root.GetProperty("headline").GetString());

        var offers = root.GetProperty("topOffers").EnumerateArray().ToList();
        Assert.Equal("Acme Corp", offers[0].GetProperty("name").GetString());
        Assert.Equal("Seats", offers[0].GetProperty("offer").GetString());
        Assert.Equal(84, offers[0].GetProperty("probability").GetDouble(), 0.5);
        Assert.Equal(30_000, offers[0].GetProperty("opportunity").GetDouble(), OneK);
        var volt = offers.Single(o => o.GetProperty("name").GetString() == "Volt Industries");
        Assert.Equal("Seats", volt.GetProperty("offer").GetString());
        Assert.Equal(76, volt.GetProperty("probability").GetDouble(), 0.5);
        Assert.Equal(15_000, volt.GetProperty("opportunity").GetDouble(), OneK);
        var helix = offers.Single(o => o.GetProperty("name").GetString() == "Helix BioTech");
        Assert.Equal("Tier", helix.GetProperty("offer").GetString());
        Assert.Equal("Upgrade Pro → Enterprise", helix.GetProperty("offerLabel").GetString());
        Assert.Equal(47, helix.GetProperty("probability").GetDouble(), 0.5);
        Assert.Equal(13_000, helix.GetProperty("opportunity").GetDouble(), OneK);
    }

    [Fact]
    public async Task Demo_Table_PrintsTheSameSummaryAsNoArguments()
    {
        var demo = await RunAsync("demo", "--as-of", AsOfText);
        var bare = await RunAsync();

        Assert.Equal(ExitCodes.Success, demo.ExitCode);
        Assert.Equal(demo.Stdout.Replace("as of 2026-11-24", "as of 2026-11-23", StringComparison.Ordinal), bare.Stdout.Replace("as of 2026-11-24", "as of 2026-11-23", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Portfolio_Top_KeepsThatManyOffers()
    {
        var result = await RunAsync("portfolio", Fixture("book.csv"), "--as-of", AsOfText, "--format", "json", "--top", "2");

        Assert.Equal(2, result.Json().GetProperty("topOffers").GetArrayLength());
    }

    [Fact]
    public async Task Portfolio_RejectedRows_ExitsTwoListsThemAndSummarisesTheRest()
    {
        var result = await RunAsync("portfolio", Fixture("rejects.csv"), "--as-of", AsOfText, "--format", "json");

        Assert.Equal(ExitCodes.RowsRejected, result.ExitCode);
        Assert.Contains(result.ErrorLines, l => l.StartsWith("rejected line 3", StringComparison.Ordinal));
        Assert.True(result.Json().GetProperty("accountCount").GetInt32() > 0);
    }

    [Fact]
    public async Task Portfolio_MissingFile_ExitsOneCleanly()
    {
        var result = await RunAsync("portfolio", Fixture("no-such-file.csv"));

        result.AssertCleanFailure();
        Assert.Contains("file not found", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Portfolio_Out_WritesTheFileAndNothingToStandardOutput()
    {
        using var temp = Temp();
        string path = temp.File("portfolio.json");

        var result = await RunAsync("portfolio", Fixture("book.csv"), "--as-of", AsOfText, "--format", "json", "--out", path, "--quiet");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        Assert.True(doc.RootElement.TryGetProperty("headline", out _));
    }

    [Theory]
    [InlineData("expansion")]
    [InlineData("EXPANSION")]
    public async Task Demo_ModelNamedCaseInsensitively_UsesIt(string name)
    {
        var withModel = await RunAsync("demo", "--format", "json", "--as-of", AsOfText, "--model", name);
        var without = await RunAsync("demo", "--format", "json", "--as-of", AsOfText);

        Assert.Equal(ExitCodes.Success, withModel.ExitCode);
        Assert.Equal(without.Stdout, withModel.Stdout);
    }

    [Fact]
    public async Task Portfolio_OtherModel_UsesItsBands()
    {
        var result = await RunAsync("portfolio", Fixture("book.csv"), "--as-of", AsOfText, "--format", "json", "--model", "fourdimension");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(["Expansion-ready", "Expansion-likely", "Expansion-potential", "Not ready"], Names(result.Json().GetProperty("bands")));
    }

    [Theory]
    [InlineData("demo")]
    [InlineData("portfolio")]
    [InlineData("score")]
    public async Task Command_UnknownModel_ExitsOneListingTheModels(string command)
    {
        var result = await RunAsync(command == "demo" ? [command, "--model", "Nope"] : [command, Fixture("book.csv"), "--model", "Nope"]);

        result.AssertCleanFailure();
        Assert.Contains("unknown model 'Nope'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Expansion, FourDimension, ReadinessPoints, PqlPoints, Health", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Presets_Table_ListsTheModels()
    {
        var result = await RunAsync("presets");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        foreach (string model in new[] { "FourDimension", "ReadinessPoints", "PqlPoints", "Health" })
        {
            Assert.Contains(model, result.Stdout, StringComparison.Ordinal);
        }
    }

    private static void AssertBand(JsonElement root, string band, int count, double arr, double opportunity)
    {
        var b = root.GetProperty("bands").GetProperty(band);
        Assert.Equal(count, b.GetProperty("count").GetInt32());
        Assert.Equal(arr, b.GetProperty("arr").GetDouble(), OneK);
        Assert.Equal(opportunity, b.GetProperty("opportunity").GetDouble(), OneK);
    }

    private static List<string> Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];
}
