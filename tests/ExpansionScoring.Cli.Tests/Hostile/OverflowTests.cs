using ExpansionScoring.Cli.Commands;
using static ExpansionScoring.Cli.Tests.CliHarness;

namespace ExpansionScoring.Cli.Tests.Hostile;

/// <summary>Values that pass a finite check but overflow the arithmetic end as a located error, never "unexpected …".</summary>
public class OverflowTests
{
    private const string Book = "account_id,arr,plan_fit,velocity,engagement,champion,triggers\na1,1000,80,80,80,80,80\n";

    [Fact]
    public async Task Score_ConfigWithHugeWeights_ExitsOneNamingEachWeightAndItsBound()
    {
        using var temp = Temp();
        string book = temp.Write("book.csv", Book);
        string config = temp.Write("c.json", """{"Presets":{"X":{"PlanFit":1e308,"Velocity":1e308,"Engagement":1e308}},"Preset":"X"}""");

        foreach (string command in new[] { "score", "portfolio" })
        {
            var result = await RunAsync(command, book, "--config", config, "--format", "json");

            result.AssertCleanFailure();
            Assert.Equal(
                [
                    $"error: --config {config}: 3 problems:",
                    "Presets:X:PlanFit must be <= 1000000 (WeightPreset.MaxWeight; weights are relative, so scale them all down), was 1E+308.",
                    "Presets:X:Velocity must be <= 1000000 (WeightPreset.MaxWeight; weights are relative, so scale them all down), was 1E+308.",
                    "Presets:X:Engagement must be <= 1000000 (WeightPreset.MaxWeight; weights are relative, so scale them all down), was 1E+308.",
                ],
                result.ErrorLines);
        }
    }

    [Fact]
    public async Task Score_ConfigWithHugeMultiplierAndBand_ExitsOneNamingBoth()
    {
        using var temp = Temp();
        string book = temp.Write("book.csv", Book);
        string config = temp.Write("c.json", """{"Offers":{"Multipliers":{"Seats":1e308}},"Bands":[{"Name":"Top","MinProbability":1e308},{"Name":"Rest","MinProbability":0}]}""");

        var result = await RunAsync("score", book, "--config", config);

        result.AssertCleanFailure();
        Assert.Equal(
            [
                $"error: --config {config}: 2 problems:",
                "Bands:0:MinProbability must be at most 100 (the top of the value banded; a band above it is never reached), was 1E+308.",
                "Offers:Multipliers:Seats must be <= 100 (OfferOptions.MaxMultiplier), was 1E+308.",
            ],
            result.ErrorLines.Order(StringComparer.Ordinal).Prepend(result.ErrorLines[0]).Distinct());
    }

    [Theory]
    [InlineData("score", "table")]
    [InlineData("score", "json")]
    [InlineData("score", "csv")]
    [InlineData("portfolio", "table")]
    [InlineData("portfolio", "json")]
    public async Task Score_ArrTheSumsCannotHold_IsARejectedRowNamingTheFieldAndTheBound(string command, string format)
    {
        using var temp = Temp();
        string book = temp.Write("book.csv", "account_id,arr,plan_fit\nok,1000,80\nhuge,1.71e32,80\nedge,1e15,80\n");

        var result = await RunAsync(command, book, "--format", format, "--as-of", AsOfText);

        Assert.Equal(ExitCodes.RowsRejected, result.ExitCode);
        Assert.DoesNotContain("unexpected", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("rejected line 3 (account huge): arr: ARR must be <= 1000000000000000 (the most the money sums hold), was 1.71e32", result.ErrorLines);
        Assert.Contains(command == "score" ? "scored 2 of 3 rows (1 rejected)" : "summarised 2 of 3 rows (1 rejected)", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_ArrTheSumsCannotHold_GoesToRejectsWithItsField()
    {
        using var temp = Temp();
        string book = temp.Write("book.csv", "account_id,arr,plan_fit\nok,1000,80\nhuge,1.71e32,80\n");
        string rejects = temp.File("rejects.csv");

        var result = await RunAsync("score", book, "--rejects", rejects, "--as-of", AsOfText);

        Assert.Equal(ExitCodes.RowsRejected, result.ExitCode);
        var row = Assert.Single(CsvText.Read(File.ReadAllText(rejects)));
        Assert.Equal("3", row["line"]);
        Assert.Equal("huge", row["account_id"]);
        Assert.Equal("arr", row["field"]);
        Assert.Equal("ARR must be <= 1000000000000000 (the most the money sums hold), was 1.71e32", row["reason"]);
    }

    [Fact]
    public async Task Score_CompactPath_RejectsTheSameArr()
    {
        using var temp = Temp();
        string book = temp.Write("book.csv", "account_id,arr,plan_fit\nok,1000,80\nhuge,1e16,80\n");

        string rejects = temp.File("rejects.csv");

        var result = await RunAsync("score", book, "--compact", "--rejects", rejects, "--as-of", AsOfText);

        Assert.Equal(ExitCodes.RowsRejected, result.ExitCode);
        Assert.Equal(["ok"], result.CsvRows().Select(r => r["account_id"]));
        var row = Assert.Single(CsvText.Read(File.ReadAllText(rejects)));
        Assert.Equal("ARR must be <= 1000000000000000 (the most the money sums hold), was 1e16", row["reason"]);
    }
}
