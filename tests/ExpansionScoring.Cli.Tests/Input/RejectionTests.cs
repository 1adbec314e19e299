using System.Text;
using System.Text.Json;
using ExpansionScoring.Cli.Commands;
using static ExpansionScoring.Cli.Tests.CliHarness;

namespace ExpansionScoring.Cli.Tests.Input;

/// <summary>Every rejection reason, with its line, account id, field, value and reason; nothing is lost.</summary>
public class RejectionTests
{
    public static TheoryData<long, string?, string, string?, string> CsvRejections => new()
    {
        { 3, "neg", "arr", "-5", "ARR must be >= 0, was -5" },
        { 4, "text", "arr", "abc", "'abc' is not a number" },
        { 5, "range", "plan_fit", "120", "120 is outside 0–100" },
        { 6, "nan", "plan_fit", "NaN", "'NaN' is not a finite number: NaN and infinity are not allowed" },
        { 7, "inf", "arr", "Infinity", "'Infinity' is not a finite number: NaN and infinity are not allowed" },
        { 8, "seg", "segment", "Startup", "unknown segment 'Startup' (allowed: SMB, MidMarket, Enterprise; mid-market is accepted too)" },
        { 9, "date", "renewal_date", "2026-13-45", "'2026-13-45' is not a date (expected yyyy-MM-dd)" },
        { 10, "good1", "account_id", "good1", "duplicate account_id 'good1': first seen on line 2; this later row is rejected" },
        { 11, null, "account_id", null, "account_id is required" },
        { 12, "noarr", "arr", null, "arr is required" },
        { 15, "stray", "(row)", null, "malformed quoting: a '\"' inside an unquoted field (quote the whole field and double the quotes inside it)" },
        { 16, "short", "(row)", null, "the row has 4 fields but the header has 11" },
        { 17, "trig", "trigger_events", "funding@2026-11-01", "unknown trigger event 'funding' (allowed: funding_round, champion_promotion, hiring_spree, integration_go_live, usage_limit_hit, seat_threshold_crossed, premium_feature_attempted, new_department_active, team_invite_burst; aliases: feature_limit_hit, api_tier_exceeded, seat_threshold_90pct, team_invite_sent)" },
        { 18, "champ", "champion_level", "Intern", "unknown champion level 'Intern' (allowed: None, Manager, Director, VP, CLevel)" },
        { 19, "spons", "exec_sponsor", "maybe", "'maybe' is not true or false (also accepted: yes/no, y/n, 1/0)" },
        { 20, "seats", "seats_purchased", "2.5", "'2.5' is not a whole number" },
    };

    [Theory]
    [MemberData(nameof(CsvRejections))]
    public async Task Score_CsvRow_RejectedWithLineFieldValueAndReason(long line, string? accountId, string field, string? value, string reason)
    {
        await AssertRejectedAsync("rejects.csv", line, accountId, field, value, reason);
    }

    [Fact]
    public async Task Score_CsvWithRejects_EveryRowIsScoredOrRejected()
    {
        var result = await RunAsync("score", Fixture("rejects.csv"), "--format", "json", "--as-of", AsOfText);

        Assert.Equal(ExitCodes.RowsRejected, result.ExitCode);
        var json = result.Json();
        var summary = json.GetProperty("summary");
        Assert.Equal(19, summary.GetProperty("rows").GetInt64());
        Assert.Equal(3, summary.GetProperty("scored").GetInt64());
        Assert.Equal(16, summary.GetProperty("rejected").GetInt64());
        Assert.Equal(CsvRejections.Count, json.GetProperty("rejected").GetArrayLength());
        Assert.Equal(["good1", "multi", "good2"], json.GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("accountId").GetString()));
    }

    [Fact]
    public async Task Score_QuotedFieldsWithCommasQuotesAndLineBreaks_ReadCorrectly()
    {
        var result = await RunAsync("score", Fixture("rejects.csv"), "--format", "json", "--as-of", AsOfText);

        var names = result.Json().GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("name").GetString()).ToList();
        Assert.Equal(["Good One", "Multi\nline, \"quoted\" name", "Good, Two"], names);
    }

    [Fact]
    public async Task Score_UnterminatedQuote_RejectsTheRowThatSwallowedTheRest()
    {
        using var temp = Temp();
        string path = temp.Write("open-quote.csv", "account_id,name,arr\na1,Fine,100\na2,\"Never closed,200\na3,Lost,300\n");

        var result = await RunAsync("score", path, "--format", "json");

        Assert.Equal(ExitCodes.RowsRejected, result.ExitCode);
        var rejected = Assert.Single(result.Json().GetProperty("rejected").EnumerateArray());
        Assert.Equal(3, rejected.GetProperty("line").GetInt64());
        Assert.Equal("a2", rejected.GetProperty("accountId").GetString());
        Assert.StartsWith("malformed quoting: a quoted field is never closed", rejected.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_TooManyFields_Rejected()
    {
        using var temp = Temp();
        string path = temp.Write("wide.csv", "account_id,arr\na1,100\na2,200,extra\n");

        var result = await RunAsync("score", path, "--format", "json");

        var rejected = Assert.Single(result.Json().GetProperty("rejected").EnumerateArray());
        Assert.Equal("the row has 3 fields but the header has 2", rejected.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Score_IdsThatDifferOnlyInSurroundingSpaces_AreDuplicates()
    {
        using var temp = Temp();
        string path = temp.Write("spaces.json", "[{\"accountId\": \"a1\", \"arr\": 1},\n{\"accountId\": \" a1 \", \"arr\": 2}]");

        var result = await RunAsync("score", path, "--format", "json");

        var rejected = Assert.Single(result.Json().GetProperty("rejected").EnumerateArray());
        Assert.Equal(2, rejected.GetProperty("line").GetInt64());
        Assert.StartsWith("duplicate account_id 'a1'", rejected.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    public static TheoryData<long, string?, string, string?, string> JsonRejections => new()
    {
        { 3, "neg", "arr", "-1", "ARR must be >= 0, was -1" },
        { 4, "str", "arr", "NaN", "'NaN' is not a finite number: NaN and infinity are not allowed" },
        { 5, null, "(row)", null, "expected an account object, found a string" },
        { 6, "nested", "planFit", "{\"value\": 3}", "expected a single value, found an object" },
        { 7, "ok", "accountId", "ok", "duplicate account_id 'ok': first seen on line 2; this later row is rejected" },
        { 8, "seg", "segment", "Galactic", "unknown segment 'Galactic' (allowed: SMB, MidMarket, Enterprise; mid-market is accepted too)" },
    };

    [Theory]
    [MemberData(nameof(JsonRejections))]
    public async Task Score_JsonElement_RejectedWithLineFieldValueAndReason(long line, string? accountId, string field, string? value, string reason)
    {
        await AssertRejectedAsync("rejects.json", line, accountId, field, value, reason);
    }

    [Fact]
    public async Task Score_LargeJson_StreamsAcrossBufferBoundariesWithExactLines()
    {
        // Objects of varying size and a long string force elements to straddle the 64 KB read buffer.
        using var temp = Temp();
        var json = new StringBuilder("[\n");
        int line = 2;
        var expectedLineOfBad = new List<int>();
        for (int i = 0; i < 3000; i++)
        {
            bool bad = i % 500 == 499;
            if (bad)
            {
                expectedLineOfBad.Add(line);
            }

            string name = i == 1234 ? new string('x', 200_000) : $"Account {i}";
            json.Append("  {\n    \"accountId\": \"id").Append(i).Append("\",\n    \"name\": ").Append(JsonSerializer.Serialize(name))
                .Append(",\n    \"arr\": ").Append(bad ? "-1" : "1000").Append("\n  }").Append(i < 2999 ? ",\n" : "\n");
            line += 5;
        }

        json.Append("]\n");
        string path = temp.Write("large.json", json.ToString());

        var result = await RunAsync("score", path, "--format", "json", "--quiet");

        Assert.Equal(ExitCodes.RowsRejected, result.ExitCode);
        var doc = result.Json();
        Assert.Equal(2994, doc.GetProperty("accounts").GetArrayLength());
        Assert.Equal(expectedLineOfBad, doc.GetProperty("rejected").EnumerateArray().Select(r => r.GetProperty("line").GetInt32()));
        var big = doc.GetProperty("accounts").EnumerateArray().Single(a => a.GetProperty("accountId").GetString() == "id1234");
        Assert.Equal(200_000, big.GetProperty("name").GetString()!.Length);
    }

    private static async Task AssertRejectedAsync(string fixture, long line, string? accountId, string field, string? value, string reason)
    {
        var result = await RunAsync("score", Fixture(fixture), "--format", "json", "--as-of", AsOfText);

        Assert.Equal(ExitCodes.RowsRejected, result.ExitCode);
        var rejected = result.Json().GetProperty("rejected").EnumerateArray().Single(r => r.GetProperty("line").GetInt64() == line);
        Assert.Equal(accountId, rejected.GetProperty("accountId").GetString());
        Assert.Equal(field, rejected.GetProperty("field").GetString());
        Assert.Equal(value, rejected.GetProperty("value").GetString());
        Assert.Equal(reason, rejected.GetProperty("reason").GetString());
    }
}
