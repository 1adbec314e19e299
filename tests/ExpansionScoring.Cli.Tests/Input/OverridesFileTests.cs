using ExpansionScoring.Cli.Commands;
using static ExpansionScoring.Cli.Tests.CliHarness;

namespace ExpansionScoring.Cli.Tests.Input;

/// <summary>--overrides: a person's window is kept apart from the computed one, and both are exported.</summary>
public class OverridesFileTests
{
    [Fact]
    public async Task Score_Overrides_EffectiveWindowFollowsActiveOverridesOnly()
    {
        var result = await RunAsync("score", Fixture("book.csv"), "--overrides", Fixture("overrides.csv"), "--format", "json", "--as-of", AsOfText);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var accounts = result.Json().GetProperty("accounts").EnumerateArray().ToDictionary(a => a.GetProperty("accountId").GetString()!);

        var acme = accounts["acme"];
        Assert.Equal("Now", acme.GetProperty("window").GetString());
        Assert.Equal("Next60Days", acme.GetProperty("effectiveWindow").GetString());
        Assert.Equal("Customer asked to wait until budget cycle", acme.GetProperty("windowOverride").GetProperty("reason").GetString());
        Assert.Equal("kim", acme.GetProperty("windowOverride").GetProperty("author").GetString());
        Assert.True(acme.GetProperty("windowOverride").GetProperty("active").GetBoolean());

        var quoted = accounts["quoted"];
        Assert.Equal("Next60Days", quoted.GetProperty("window").GetString());
        Assert.Equal("Now", quoted.GetProperty("effectiveWindow").GetString());
        Assert.Equal("2027-01-31", quoted.GetProperty("windowOverride").GetProperty("expires").GetString());

        // Expired on 2026-01-01: kept and exported, but the computed window applies.
        var nimbus = accounts["nimbus"];
        Assert.False(nimbus.GetProperty("windowOverride").GetProperty("active").GetBoolean());
        Assert.Equal(nimbus.GetProperty("window").GetString(), nimbus.GetProperty("effectiveWindow").GetString());

        Assert.Equal(JsonValueKindNull, accounts["tele"].GetProperty("windowOverride").ValueKind);
        Assert.Contains("warning: 1 override names an account not in the input: ghost", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_OverridesToCsv_KeepsComputedAndOverriddenWindows()
    {
        var result = await RunAsync("score", Fixture("book.csv"), "--overrides", Fixture("overrides.csv"), "--as-of", AsOfText);

        var acme = result.CsvRows().Single(r => r["account_id"] == "acme");
        Assert.Equal("Now", acme["window"]);
        Assert.Equal("Next60Days", acme["window_override"]);
        Assert.Equal("Customer asked to wait until budget cycle", acme["override_reason"]);
        Assert.Equal("true", acme["override_active"]);
        Assert.Equal("Next60Days", acme["effective_window"]);
    }

    [Fact]
    public async Task Score_BadOverridesFile_RejectsEachBadLineAndAppliesTheRest()
    {
        var result = await RunAsync("score", Fixture("book.csv"), "--overrides", Fixture("overrides-bad.csv"), "--format", "json", "--as-of", AsOfText);

        Assert.Equal(ExitCodes.RowsRejected, result.ExitCode);
        Assert.Equal(
            [
                "rejected override line 2: unknown window 'Soon' (allowed: Now, Next30Days, Next60Days, Nurture)",
                "rejected override line 3: account_id is required",
                "rejected override line 4: reason is required: say why the window is overridden",
                "rejected override line 5: expires '31/01/2027' is not a date (expected yyyy-MM-dd)",
                "rejected override line 6: account_id 'acme' already has an override on line 2",
            ],
            result.ErrorLines.Where(l => l.StartsWith("rejected override", StringComparison.Ordinal)));
        Assert.Contains("overrides: 0 applied, 5 rejected, 0 for accounts not in the input", result.ErrorLines);
    }

    [Fact]
    public async Task Score_BadOverridesFileWithStrict_ExitsOneListingEveryProblem()
    {
        var result = await RunAsync("score", Fixture("book.csv"), "--overrides", Fixture("overrides-bad.csv"), "--strict");

        result.AssertCleanFailure();
        Assert.Equal(
            [
                $"error: --overrides {Fixture("overrides-bad.csv")}: 5 problems:",
                "line 2: unknown window 'Soon' (allowed: Now, Next30Days, Next60Days, Nurture)",
                "line 3: account_id is required",
                "line 4: reason is required: say why the window is overridden",
                "line 5: expires '31/01/2027' is not a date (expected yyyy-MM-dd)",
                "line 6: account_id 'acme' already has an override on line 2",
            ],
            result.ErrorLines);
    }

    [Theory]
    [InlineData("score")]
    [InlineData("portfolio")]
    public async Task Run_UnclosedQuoteInOverrides_IsARejectedOverrideWithItsLineAndTheCountsAreSaid(string command)
    {
        using var temp = Temp();
        string overrides = temp.Write("o.csv", "account_id,window,reason\ntele,Nurture,fine\nacme,Now,\"unclosed\nnimbus,Now,r\n");

        var result = await RunAsync(command, Fixture("book.csv"), "--overrides", overrides, "--format", "json", "--as-of", AsOfText);

        Assert.Equal(ExitCodes.RowsRejected, result.ExitCode);
        Assert.Contains("rejected override line 3: malformed quoting: a quoted field is never closed, so the rest of the file was read into this row", result.ErrorLines);
        Assert.Contains("overrides: 1 applied, 1 rejected, 0 for accounts not in the input", result.ErrorLines);
    }

    [Theory]
    [InlineData("acme,Now,bad\"quote", "malformed quoting: a '\"' inside an unquoted field (quote the whole field and double the quotes inside it)")]
    [InlineData("acme,Now,\"ok\" tail", "malformed quoting: text after the closing quote of a field")]
    [InlineData("acme,Now,a,b", "the row has 4 fields but the header has 3")]
    public async Task Score_MalformedOverrideLine_IsRejectedAndTheNextLineStillApplies(string bad, string reason)
    {
        using var temp = Temp();
        string overrides = temp.Write("o.csv", $"account_id,window,reason\n{bad}\nnimbus,Nurture,r\n");

        var result = await RunAsync("score", Fixture("book.csv"), "--overrides", overrides, "--format", "json", "--as-of", AsOfText);

        Assert.Equal(ExitCodes.RowsRejected, result.ExitCode);
        Assert.Contains($"rejected override line 2: {reason}", result.ErrorLines);
        var nimbus = result.Json().GetProperty("accounts").EnumerateArray().Single(a => a.GetProperty("accountId").GetString() == "nimbus");
        Assert.Equal("Nurture", nimbus.GetProperty("effectiveWindow").GetString());
        Assert.Contains("overrides: 1 applied, 1 rejected, 0 for accounts not in the input", result.ErrorLines);
    }

    [Fact]
    public async Task Score_OverrideLineWithSeveralProblems_IsOneRejectionNamingThemAll()
    {
        using var temp = Temp();
        string overrides = temp.Write("o.csv", "account_id,window,reason,author,expires\n,Soon,,kim,31/01/2027\nnimbus,Now,ok,,\n");

        var result = await RunAsync("score", Fixture("book.csv"), "--overrides", overrides, "--format", "json", "--as-of", AsOfText);

        Assert.Equal(ExitCodes.RowsRejected, result.ExitCode);
        Assert.Equal(
            ["rejected override line 2: account_id is required; unknown window 'Soon' (allowed: Now, Next30Days, Next60Days, Nurture); reason is required: say why the window is overridden; expires '31/01/2027' is not a date (expected yyyy-MM-dd)"],
            result.ErrorLines.Where(l => l.StartsWith("rejected override", StringComparison.Ordinal)));
        Assert.Contains("overrides: 1 applied, 1 rejected, 0 for accounts not in the input", result.ErrorLines);
    }

    [Fact]
    public async Task Score_OverrideRecordPastTheLimit_StopsNamingTheLimit()
    {
        using var temp = Temp();
        string overrides = temp.Write("o.csv", "account_id,window,reason\nacme,Now,\"" + new string('x', 200_000) + "\"\n");

        var result = await RunAsync("score", Fixture("book.csv"), "--overrides", overrides);

        result.AssertCleanFailure();
        Assert.StartsWith($"error: --overrides {overrides}", result.Stderr, StringComparison.Ordinal);
        Assert.EndsWith("(an override record may be at most 64 KB)", result.Stderr.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_OverridesFilePastTheSizeLimit_StopsNamingTheLimit()
    {
        using var temp = Temp();
        string overrides = temp.File("o.csv");
        using (var f = File.Create(overrides))
        {
            f.SetLength(ExpansionScoring.Cli.Input.OverridesFile.MaxFileBytes + 1);
        }

        var result = await RunAsync("score", Fixture("book.csv"), "--overrides", overrides);

        result.AssertCleanFailure();
        Assert.Equal($"error: --overrides {overrides}: the file is 64 MB; an overrides file may hold at most 64 MB (it is read into memory): split it, or keep only the overrides that apply", result.Stderr.TrimEnd());
    }

    [Fact]
    public async Task Score_MissingOverridesFile_ExitsOne()
    {
        var result = await RunAsync("score", Fixture("book.csv"), "--overrides", Fixture("no-overrides.csv"));

        result.AssertCleanFailure();
        Assert.EndsWith("file not found", result.Stderr.TrimEnd(), StringComparison.Ordinal);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
