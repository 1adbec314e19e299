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
    public async Task Score_BadOverridesFile_ExitsOneListingEveryProblem()
    {
        var result = await RunAsync("score", Fixture("book.csv"), "--overrides", Fixture("overrides-bad.csv"));

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

    [Fact]
    public async Task Score_MissingOverridesFile_ExitsOne()
    {
        var result = await RunAsync("score", Fixture("book.csv"), "--overrides", Fixture("no-overrides.csv"));

        result.AssertCleanFailure();
        Assert.EndsWith("file not found", result.Stderr.TrimEnd(), StringComparison.Ordinal);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
