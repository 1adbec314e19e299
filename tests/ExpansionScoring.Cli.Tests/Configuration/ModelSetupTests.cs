using ExpansionScoring.Cli.Commands;
using static ExpansionScoring.Cli.Tests.CliHarness;

namespace ExpansionScoring.Cli.Tests.Configuration;

/// <summary>--preset and --config: case-insensitive presets, the library's options shape, every problem listed.</summary>
public class ModelSetupTests
{
    [Theory]
    [InlineData("enterprise", "Enterprise")]
    [InlineData("PRODUCTLED", "ProductLed")]
    [InlineData("SmbSeatHeavy", "SmbSeatHeavy")]
    public async Task Score_PresetInAnyCase_UsesThatPreset(string given, string expected)
    {
        var result = await RunAsync("score", Fixture("book.csv"), "--preset", given, "--format", "json", "--as-of", AsOfText);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var json = result.Json();
        Assert.Equal(expected, json.GetProperty("summary").GetProperty("preset").GetString());
        Assert.All(json.GetProperty("accounts").EnumerateArray(), a => Assert.Equal(expected, a.GetProperty("preset").GetString()));
    }

    [Fact]
    public async Task Score_UnknownPreset_ExitsOneListingTheKnownOnes()
    {
        var result = await RunAsync("score", Fixture("book.csv"), "--preset", "Aggressive");

        result.AssertCleanFailure();
        Assert.Equal("error: --preset: unknown preset 'Aggressive' (known: MidMarketBalanced, Enterprise, ProductLed, SmbSeatHeavy)", result.Stderr.TrimEnd());
    }

    [Fact]
    public async Task Score_ConfigPreset_IsTheDefaultAndSegmentPresetsStillApply()
    {
        var result = await RunAsync("score", Fixture("book.csv"), "--config", Fixture("config-custom.json"), "--format", "json", "--as-of", AsOfText);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var accounts = result.Json().GetProperty("accounts").EnumerateArray().ToDictionary(a => a.GetProperty("accountId").GetString()!, a => a.GetProperty("preset").GetString());
        Assert.Equal("SeatFirst", accounts["acme"]);
        Assert.Equal("Enterprise", accounts["multi"]);
    }

    [Fact]
    public async Task Score_PresetDefinedInConfig_MatchedCaseInsensitivelyAndReadsItsExtraSignalColumn()
    {
        using var temp = Temp();
        string book = temp.Write("nps.csv", "account_id,arr,plan_fit,velocity,engagement,champion,triggers,NPS\na1,1000,50,50,50,50,50,100\n");

        var result = await RunAsync("score", book, "--config", Fixture("config-custom.json"), "--preset", "withnps", "--format", "json", "--as-of", AsOfText);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var account = result.Json().GetProperty("accounts")[0];
        Assert.Equal("WithNps", account.GetProperty("preset").GetString());
        Assert.Equal(100, account.GetProperty("signals").GetProperty("Nps").GetProperty("value").GetDouble());
        Assert.Equal(60, account.GetProperty("composite").GetDouble(), 9);
    }

    [Fact]
    public async Task Score_InvalidConfig_ExitsOneListingEveryProblem()
    {
        var result = await RunAsync("score", Fixture("book.csv"), "--config", Fixture("config-bad.json"));

        result.AssertCleanFailure();
        Assert.Equal(
            [
                $"error: --config {Fixture("config-bad.json")}: 6 problems:",
                "Preset: 'Nope' is not a known preset (known: Broken, Enterprise, MidMarketBalanced, ProductLed, SmbSeatHeavy).",
                "Presets:Broken:PlanFit must be >= 0, was -1.",
                "Presets:Broken: at least one weight must be above 0.",
                "Probability:Slope must be >= 0, was -2.",
                "Bands:1:Name 'Hot' is used twice.",
                "Bands:1:MinProbability must be below the band before it (75), was 80; list bands highest first.",
            ],
            result.ErrorLines);
    }

    [Theory]
    [InlineData("config-unknown-setting.json", "line 1: unknown setting 'Unknown' at $.Unknown")]
    [InlineData("config-invalid.json", "line 2: not valid JSON: Expected start of a property name or value, but instead reached end of data.")]
    [InlineData("missing-config.json", "file not found")]
    public async Task Score_UnreadableConfig_ExitsOneWithOneLine(string file, string expected)
    {
        var result = await RunAsync("score", Fixture("book.csv"), "--config", Fixture(file));

        result.AssertCleanFailure();
        Assert.Single(result.ErrorLines);
        Assert.EndsWith(expected, result.Stderr.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Presets_Table_ListsTheBuiltInsWithTheDefaultMarked()
    {
        var result = await RunAsync("presets");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Matches(@"MidMarketBalanced \(default\)\s*│\s*0\.3\s*│\s*0\.25\s*│\s*0\.15\s*│\s*0\.2\s*│\s*0\.1\s*│\s*built-in", result.Stdout);
        foreach (string name in new[] { "Enterprise", "ProductLed", "SmbSeatHeavy" })
        {
            Assert.Contains(name, result.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Presets_JsonWithConfig_IncludesTheConfigPresets()
    {
        var result = await RunAsync("presets", "--format", "json", "--config", Fixture("config-custom.json"));

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var presets = result.Json().GetProperty("presets").EnumerateArray().ToList();
        Assert.Equal(["MidMarketBalanced", "Enterprise", "ProductLed", "SmbSeatHeavy", "SeatFirst", "WithNps"], presets.Select(p => p.GetProperty("name").GetString()));
        var seatFirst = presets[4];
        Assert.True(seatFirst.GetProperty("default").GetBoolean());
        Assert.Equal("config", seatFirst.GetProperty("source").GetString());
        Assert.Equal(0.6, seatFirst.GetProperty("weights").GetProperty("PlanFit").GetDouble());
    }
}
