using System.Globalization;
using System.Text.Json;
using ExpansionScoring.Cli.Commands;
using static ExpansionScoring.Cli.Tests.CliHarness;

namespace ExpansionScoring.Cli.Tests.Commands;

/// <summary><c>compare</c> end to end on two weekly snapshots (week1.csv → week2.csv, and week2.json, the same book as JSON).</summary>
public class CompareCommandTests
{
    private const string Before = "2026-11-16";

    private static Task<CliResult> CompareWeeks(params string[] more)
        => RunAsync(["compare", Fixture("week1.csv"), Fixture("week2.csv"), "--as-of-before", Before, "--as-of", AsOfText, .. more]);

    private static decimal Dec(JsonElement e, string name) => e.GetProperty(name).GetDecimal();

    private static decimal Exact(string number) => decimal.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Each book's pipeline as the score command computes it, summed exactly from its CSV.</summary>
    private static async Task<decimal> ScoredPipeline(string book, string asOf, params string[] more)
    {
        var scored = await RunAsync(["score", Fixture(book), "--as-of", asOf, "--quiet", .. more]);
        Assert.Equal(ExitCodes.Success, scored.ExitCode);
        return scored.CsvRows().Sum(r => Math.Round(Exact(r["opportunity"]), 6));
    }

    [Fact]
    public async Task Json_TwoWeeks_BridgeMatchesTheScoreCommandAndAddsUpExactly()
    {
        var result = await CompareWeeks("--format", "json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var json = result.Json();
        var before = json.GetProperty("before");
        var after = json.GetProperty("after");
        Assert.Equal((Before, 7), (before.GetProperty("asOf").GetString(), before.GetProperty("accountCount").GetInt32()));
        Assert.Equal((AsOfText, 7), (after.GetProperty("asOf").GetString(), after.GetProperty("accountCount").GetInt32()));
        Assert.Equal(await ScoredPipeline("week1.csv", Before), Dec(before, "pipeline"));
        Assert.Equal(await ScoredPipeline("week2.csv", AsOfText), Dec(after, "pipeline"));
        Assert.Equal(Dec(after, "pipeline"), Dec(before, "pipeline") + Dec(json, "pipelineFromAdded") + Dec(json, "pipelineFromRemoved") + Dec(json, "pipelineFromRescored"));
        Assert.Equal(Dec(json, "pipelineChange"), Dec(json, "pipelineFromAdded") + Dec(json, "pipelineFromRemoved") + Dec(json, "pipelineFromRescored"));

        string[] Ids(string name) => [.. json.GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];
        Assert.Equal(["newco"], Ids("added"));
        Assert.Equal(["gone"], Ids("removed"));
        Assert.Equal(["volt"], Ids("promoted"));
        Assert.Equal(["falcon"], Ids("demoted"));
        Assert.Equal(["newco", "volt"], Ids("becameHot"));
        Assert.Equal(["falcon"], Ids("leftHot"));
        Assert.Equal(["northwind"], Ids("gateCleared"));
        Assert.Empty(Ids("gateBlocked"));
        Assert.Equal(
            [("Hot", "Warm", 1), ("Warm", "Hot", 1), ("Warm", "Warm", 4)],
            json.GetProperty("bandMigration").EnumerateArray().Select(m => (m.GetProperty("from").GetString(), m.GetProperty("to").GetString(), m.GetProperty("count").GetInt32())));

        // Only the accounts that changed: falcon, northwind, volt (seatly, renewco and steady kept their numbers).
        var accounts = json.GetProperty("accounts").EnumerateArray().ToDictionary(a => a.GetProperty("accountId").GetString()!);
        Assert.Equal(["falcon", "northwind", "volt"], accounts.Keys);
    }

    [Fact]
    public async Task Json_GateCleared_OfferWindowGateAndSummary()
    {
        var northwind = (await CompareWeeks("--format", "json")).Json().GetProperty("accounts").EnumerateArray().Single(a => a.GetProperty("accountId").GetString() == "northwind");

        Assert.Equal("59 → 59; gate cleared: health 57 → 72; offer Nurture → Upgrade Growth → Pro; window Nurture → 30 days", northwind.GetProperty("summary").GetString());
        Assert.Equal(("Nurture", "Tier"), (northwind.GetProperty("offerBefore").GetString(), northwind.GetProperty("offerAfter").GetString()));
        Assert.Equal(("Nurture", "Next30Days"), (northwind.GetProperty("windowBefore").GetString(), northwind.GetProperty("windowAfter").GetString()));
        Assert.Equal(0, northwind.GetProperty("attributions").GetArrayLength());
        var gate = Assert.Single(northwind.GetProperty("gateChanges").EnumerateArray());
        Assert.Equal(("Health", "Blocked", "Passed"), (gate.GetProperty("gate").GetString(), gate.GetProperty("before").GetString(), gate.GetProperty("after").GetString()));

        // 0.59 × 80,000 × 0.45 (Tier), computed by hand.
        Assert.Equal(0m, Dec(northwind, "opportunityBefore"));
        Assert.Equal(21_240m, Math.Round(Dec(northwind, "opportunityAfter"), 6));
    }

    [Fact]
    public async Task Json_SignalsMoved_AttributionsAreEachSignalsWeightedStep()
    {
        var accounts = (await CompareWeeks("--format", "json")).Json().GetProperty("accounts").EnumerateArray().ToDictionary(a => a.GetProperty("accountId").GetString()!);

        // MidMarketBalanced weights, linear transform 5 + 0.9 × composite (no clamp here): part = 0.9 × weight × Δvalue.
        var volt = Parts(accounts["volt"]);
        Assert.Equal(new Dictionary<string, double> { ["Triggers"] = 0.9 * 0.10 * 50, ["Champion"] = 0.9 * 0.20 * 15 }.OrderBy(p => p.Key), volt.OrderBy(p => p.Key), (x, y) => x.Key == y.Key && Math.Abs(x.Value - y.Value) < 1e-9);
        var falcon = Parts(accounts["falcon"]);
        Assert.Equal(0.9 * 0.25 * -30, falcon["Velocity"], 9);
        Assert.Equal(0.9 * 0.15 * -25, falcon["Engagement"], 9);
        Assert.Equal(0.9 * 0.20 * -25, falcon["Champion"], 9);
        Assert.Equal(0.9 * 0.10 * -30, falcon["Triggers"], 9);
        foreach (var a in accounts.Values)
        {
            Assert.Equal(Dec(a, "probabilityAfter") - Dec(a, "probabilityBefore"), a.GetProperty("attributions").EnumerateArray().Sum(p => p.GetProperty("change").GetDecimal()), 10);
        }
    }

    private static Dictionary<string, double> Parts(JsonElement account)
        => account.GetProperty("attributions").EnumerateArray().ToDictionary(p => p.GetProperty("signal").GetString()!, p => p.GetProperty("change").GetDouble());

    [Fact]
    public async Task Json_ToAFile_SameBytesAsStandardOutput()
    {
        using var temp = Temp();
        string file = temp.File("changes.json");

        var toFile = await CompareWeeks("--format", "json", "--all", "--out", file);
        var toStdout = await CompareWeeks("--format", "json", "--all");

        Assert.Equal((ExitCodes.Success, string.Empty), (toFile.ExitCode, toFile.Stdout));
        Assert.Equal(toStdout.Stdout.ReplaceLineEndings("\n"), File.ReadAllText(file));
    }

    [Fact]
    public async Task Json_All_ListsEveryAccountInBothBooks()
    {
        var result = await CompareWeeks("--format", "json", "--all");

        Assert.Equal(["falcon", "northwind", "renewco", "seatly", "steady", "volt"], result.Json().GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("accountId").GetString()));
    }

    [Fact]
    public async Task Table_ShowsBridgeMigrationAccountsAndTasks()
    {
        var result = await CompareWeeks();

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        foreach (string text in new[] { "Pipeline bridge", "Band migration", "Accounts", "Tasks", "1 promoted · 1 demoted · 2 became Hot · 1 left Hot · 1 added · 1 removed", "gate cleared: health 57 → 72", "Added: newco", "Removed: gone", "Gate cleared: northwind" })
        {
            Assert.Contains(text, result.Stdout, StringComparison.Ordinal);
        }

        Assert.Contains("compared 7 accounts as of 2026-11-16 with 7 as of 2026-11-23: 1 added, 1 removed, 3 changed (3 in band, offer or window)", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_OneRowPerChangedAccount_FormulasNeutralised()
    {
        var result = await CompareWeeks("--format", "csv", "--quiet");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var rows = result.CsvRows();
        Assert.Equal(["falcon", "northwind", "volt"], rows.Select(r => r["account_id"]));
        var northwind = rows[1];
        Assert.Equal(("Nurture", "Nurture — gated", "Tier", "Upgrade Growth → Pro"), (northwind["offer_before"], northwind["offer_label_before"], northwind["offer_after"], northwind["offer_label_after"]));
        Assert.Equal("Health:Blocked>Passed", northwind["gate_changes"]);
        Assert.Equal(string.Empty, result.Stderr);
    }

    [Fact]
    public async Task Tasks_DefaultPlays_OrderedByDueThenDollars()
    {
        using var temp = Temp();
        string tasks = temp.File("tasks.csv");

        var result = await CompareWeeks("--format", "json", "--tasks", tasks);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var rows = CsvText.Read(File.ReadAllText(tasks));
        Assert.Equal("account_id,name,event,action,owner,due,opportunity", File.ReadLines(tasks).First());
        Assert.Equal(
            [
                ("seatly", "usageAlert:80", "CS automation", "2026-11-24"),
                ("volt", "becameHot", "CSM", "2026-11-30"),
                ("northwind", "gateCleared", "CSM", "2026-11-30"),
                ("renewco", "renewalWithin:90", "CSM + AE", "2026-11-30"),
                ("newco", "becameHot", "CSM", "2026-11-30"),
            ],
            rows.Select(r => (r["account_id"], r["event"], r["owner"], r["due"])));
        Assert.Equal("'=HYPERLINK(1)", rows[4]["name"]);
        var sameDay = rows.Skip(1).Select(r => Exact(r["opportunity"])).ToList();
        Assert.Equal(sameDay.OrderDescending(), sameDay);
    }

    [Fact]
    public async Task Tasks_PlaysFile_ReplacesTheDefaults()
    {
        using var temp = Temp();
        string tasks = temp.File("tasks.csv");

        var result = await CompareWeeks("--quiet", "--plays", Fixture("plays-team.json"), "--tasks", tasks);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(
            [("falcon", "demoted", "save call with the champion", "CSM", "2026-11-25"), ("northwind", "gateCleared", "re-open the expansion thread", "AE", "2026-11-30")],
            CsvText.Read(File.ReadAllText(tasks)).Select(r => (r["account_id"], r["event"], r["action"], r["owner"], r["due"])));
    }

    [Fact]
    public async Task Tasks_KeptColumn_IsTheOwnerWhenItHasAValue()
    {
        using var temp = Temp();
        string header = "account_id,name,plan,arr,plan_fit,velocity,engagement,champion,triggers,health_score,Account Owner\n";
        string before = temp.Write("before.csv", header + "n1,Northwind,Growth,80000,60,60,60,60,60,57,Dana Reyes\nn2,Southwind,Growth,80000,60,60,60,60,60,57,\n");
        string after = temp.Write("after.csv", header + "n1,Northwind,Growth,80000,60,60,60,60,60,72,Dana Reyes\nn2,Southwind,Growth,90000,60,60,60,60,60,72,\n");
        string tasks = temp.File("tasks.csv");

        var result = await RunAsync("compare", before, after, "--as-of", AsOfText, "--keep", "Account Owner", "--tasks", tasks, "--quiet");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal([("n2", "gateCleared", "CSM"), ("n1", "gateCleared", "Dana Reyes")], CsvText.Read(File.ReadAllText(tasks)).Select(r => (r["account_id"], r["event"], r["owner"])));
    }

    [Fact]
    public async Task Plays_InvalidFile_EveryProblemListedExit1AndNothingWritten()
    {
        using var temp = Temp();
        string tasks = temp.File("tasks.csv");

        var result = await CompareWeeks("--plays", Fixture("plays-bad.json"), "--tasks", tasks);

        result.AssertCleanFailure();
        Assert.Contains("plays-bad.json: 3 problems:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("plays[0].event: 'becameWarm' is not an event", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("plays[1].action: missing", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("plays[1].due: 'soon' is not a time", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(tasks));
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public async Task SameBookCsvAndJson_NoChange_FailOnChangeStaysZero()
    {
        var result = await RunAsync("compare", Fixture("week2.csv"), Fixture("week2.json"), "--as-of", AsOfText, "--format", "json", "--fail-on-change");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var json = result.Json();
        Assert.Equal(0, json.GetProperty("accounts").GetArrayLength());
        Assert.Equal(0m, Dec(json, "pipelineChange"));
    }

    [Fact]
    public async Task ModelPreview_ListsExactlyTheAccountsWhoseBandOfferOrWindowDiffer_FailOnChangeExits3()
    {
        using var temp = Temp();
        string config = temp.Write("bands.json", """{"Bands": [{"Name": "Hot", "MinProbability": 65}, {"Name": "Warm", "MinProbability": 50}, {"Name": "Watch", "MinProbability": 25}, {"Name": "Cold", "MinProbability": 0}]}""");

        var gated = await RunAsync("compare", Fixture("week2.csv"), Fixture("week2.csv"), "--as-of", AsOfText, "--config-after", config, "--format", "json", "--fail-on-change");
        var plain = await RunAsync("compare", Fixture("week2.csv"), Fixture("week2.csv"), "--as-of", AsOfText, "--config-after", config, "--format", "json");

        Assert.Equal(ExitCodes.ChangesFound, gated.ExitCode);
        Assert.Equal(ExitCodes.Success, plain.ExitCode);

        // Independently: score the book under each model and list the accounts whose band, offer or window differ.
        var old = (await RunAsync("score", Fixture("week2.csv"), "--as-of", AsOfText, "--quiet")).CsvRows().ToDictionary(r => r["account_id"]);
        var @new = (await RunAsync("score", Fixture("week2.csv"), "--as-of", AsOfText, "--quiet", "--config", config)).CsvRows().ToDictionary(r => r["account_id"]);
        var expected = old.Keys.Where(id => old[id]["band"] != @new[id]["band"] || old[id]["offer_label"] != @new[id]["offer_label"] || old[id]["offer"] != @new[id]["offer"] || old[id]["effective_window"] != @new[id]["effective_window"]).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);
        // The same book on both sides is a preview: it lists exactly those accounts, each with its dollars.
        var listed = gated.Json().GetProperty("accounts").EnumerateArray().ToList();
        var moved = listed.Select(a => a.GetProperty("accountId").GetString()!).ToList();
        Assert.All(listed, a => Assert.True(a.TryGetProperty("opportunityAfter", out _)));
        Assert.Equal(expected, moved);
    }

    [Fact]
    public async Task ModelPreview_WeightsChanged_AttributedToTheSignalsWhoseWeightMoved()
    {
        var result = await RunAsync("compare", Fixture("week2.csv"), Fixture("week2.csv"), "--as-of", AsOfText, "--preset-after", "Enterprise", "--format", "json", "--all");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var accounts = result.Json().GetProperty("accounts").EnumerateArray().ToList();
        Assert.NotEmpty(accounts);
        foreach (var a in accounts)
        {
            foreach (var part in a.GetProperty("attributions").EnumerateArray())
            {
                Assert.NotEqual("Model", part.GetProperty("signal").GetString());
                Assert.NotEqual(part.GetProperty("weightBefore").GetDouble(), part.GetProperty("weightAfter").GetDouble(), 9);
            }
        }
    }

    [Theory]
    [InlineData("--as-of-after", "16.11.2026", "--as-of-after: '16.11.2026' is not a date")]
    [InlineData("--model-after", "Nope", "after: --model: unknown model 'Nope'")]
    [InlineData("--format", "xml", "--format: 'xml' is not a format here")]
    public async Task BadOptions_CleanFailure(string option, string value, string expected)
    {
        var result = await CompareWeeks(option, value);

        result.AssertCleanFailure();
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AsOfBefore_NotADate_CleanFailureNamingIt()
    {
        var result = await RunAsync("compare", Fixture("week1.csv"), Fixture("week2.csv"), "--as-of-before", "2026-13-01");

        result.AssertCleanFailure();
        Assert.Contains("--as-of-before: '2026-13-01' is not a date", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BeforeFromStandardInput_SameChangesAsFromTheFile()
    {
        var piped = await RunWithInputAsync(File.ReadAllText(Fixture("week1.csv")), "compare", "-", Fixture("week2.csv"), "--as-of-before", Before, "--as-of", AsOfText, "--format", "json");
        var fromFile = await CompareWeeks("--format", "json");

        Assert.Equal(ExitCodes.Success, piped.ExitCode);
        Assert.Equal(fromFile.Stdout, piped.Stdout);
    }

    [Fact]
    public async Task BothSidesFromStandardInput_CleanFailure()
    {
        var result = await RunWithInputAsync("account_id\n", "compare", "-", "-");

        result.AssertCleanFailure();
        Assert.Contains("only one side can be read from standard input", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InputOptions_ApplyToBothSides()
    {
        using var temp = Temp();
        string header = "Record ID;Account Name;segment;plan;ARR;plan_fit;velocity;engagement;champion;triggers;Health\n";
        string before = temp.Write("before.csv", header + "n1;Northwind;MidMarket;Growth;80.000;60;60;60;60;60;57\n");
        string after = temp.Write("after.csv", header + "n1;Northwind;MidMarket;Growth;80.000;60;60;60;60;60;72\n");

        var result = await RunAsync("compare", before, after, "--as-of", AsOfText, "--format", "json", "--culture", "de-DE", "--map", "account_id=Record ID", "--map", "name=Account Name", "--map", "arr=ARR", "--map", "health_score=Health");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var account = Assert.Single(result.Json().GetProperty("accounts").EnumerateArray());
        Assert.Equal("59 → 59; gate cleared: health 57 → 72; offer Nurture → Upgrade Growth → Pro; window Nurture → 30 days", account.GetProperty("summary").GetString());
        Assert.Equal(21_240m, Math.Round(Dec(account, "opportunityAfter"), 6));
    }

    [Fact]
    public async Task RejectedRows_ListedWithTheirSide_Exit2()
    {
        var result = await RunAsync("compare", Fixture("week2.csv"), Fixture("rejects.csv"), "--as-of", AsOfText, "--format", "json");

        Assert.Equal(ExitCodes.RowsRejected, result.ExitCode);
        Assert.Contains("rejected (after) line ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("rejected (before)", result.Stderr, StringComparison.Ordinal);
    }
}
