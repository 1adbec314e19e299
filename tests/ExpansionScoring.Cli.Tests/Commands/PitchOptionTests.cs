using ExpansionScoring.Cli.Commands;
using static ExpansionScoring.Cli.Tests.CliHarness;

namespace ExpansionScoring.Cli.Tests.Commands;

/// <summary><c>score --pitch</c>: each account's pitch script as a column (csv, table) or a <c>pitch</c> object (json); gated accounts named, never pitched.</summary>
public class PitchOptionTests
{
    [Fact]
    public async Task Score_PitchCsv_AddsTheKindAndTheScriptOfEveryAccount()
    {
        var result = await RunAsync("score", Fixture("book.csv"), "--as-of", AsOfText, "--pitch", "--quiet");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var rows = result.CsvRows().ToDictionary(r => r["account_id"]);
        Assert.Equal(5, rows.Count);
        Assert.Equal("Pitch", rows["acme"]["pitch_kind"]);
        Assert.StartsWith("I noticed your team is using 92 of its 100 seats — want to talk about what Add 32 seats looks like for Acme Corp?", rows["acme"]["pitch"], StringComparison.Ordinal);
        Assert.Contains("Value: Add 32 seats is a $36K step in ARR; at 84 % likelihood it is worth $30K now.", rows["acme"]["pitch"], StringComparison.Ordinal);
        Assert.Equal("FixFirst", rows["multi"]["pitch_kind"]);
        Assert.Contains("fix first — 1 open P1/P2 ticket(s), at most 0 allowed", rows["multi"]["pitch"], StringComparison.Ordinal);
        Assert.Equal("Nurture", rows["quoted"]["pitch_kind"]);
    }

    [Fact]
    public async Task Score_WithoutPitch_WritesNoPitchColumnOrObject()
    {
        var csv = await RunAsync("score", Fixture("book.csv"), "--as-of", AsOfText, "--quiet");
        var json = await RunAsync("score", Fixture("book.csv"), "--as-of", AsOfText, "--format", "json", "--quiet");

        Assert.DoesNotContain("pitch", csv.Stdout.Split('\n')[0], StringComparison.Ordinal);
        Assert.All(json.Json().GetProperty("accounts").EnumerateArray(), a => Assert.False(a.TryGetProperty("pitch", out _)));
    }

    [Fact]
    public async Task Score_PitchJson_EachAccountHasItsScriptMatchingTheLibrary()
    {
        var result = await RunAsync("score", Fixture("book.csv"), "--as-of", AsOfText, "--format", "json", "--pitch", "--quiet");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var accounts = result.Json().GetProperty("accounts").EnumerateArray().ToDictionary(a => a.GetProperty("accountId").GetString()!);
        var acme = accounts["acme"].GetProperty("pitch");
        Assert.Equal("Pitch", acme.GetProperty("kind").GetString());
        Assert.Equal(
            ["Current state", "Constraint", "Future state", "Value", "Risk of inaction", "When"],
            acme.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("heading").GetString()));
        var multi = accounts["multi"].GetProperty("pitch");
        Assert.Equal("FixFirst", multi.GetProperty("kind").GetString());
        Assert.Equal("1 open P1/P2 ticket(s), at most 0 allowed", Assert.Single(multi.GetProperty("sections").EnumerateArray()).GetProperty("text").GetString());
    }

    [Fact]
    public async Task Score_Table_NamesTheGateInsteadOfABareNurture()
    {
        var result = await RunAsync("score", Fixture("book.csv"), "--as-of", AsOfText, "--format", "table", "--quiet");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("Gated: 1 open P1/P2 ticket(s)", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Nurture — gated", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_CompactWithPitch_IsAUsageError()
    {
        var result = await RunAsync("score", Fixture("book.csv"), "--as-of", AsOfText, "--compact", "--pitch");

        result.AssertCleanFailure();
        Assert.Contains("--pitch", result.Stderr, StringComparison.Ordinal);
    }
}
