using System.Globalization;
using System.Text;
using ExpansionScoring.Cli.Commands;
using ExpansionScoring.Cli.Input;
using static ExpansionScoring.Cli.Tests.CliHarness;
using static ExpansionScoring.Cli.Tests.CsvText;

namespace ExpansionScoring.Cli.Tests.Input;

/// <summary>
/// The JSON book reader: objects read straight into the columnar reader's spans, the same results as the same book
/// as CSV on both routes, and its limits (an element's size, strings that are not text) reported with a place.
/// </summary>
public sealed class JsonAccountSourceTests
{
    private static readonly string[] Fields = ["account_id", "name", "segment", "plan", "arr", "plan_fit", "velocity", "engagement", "champion", "triggers", "seats_purchased", "seats_active", "renewal_date", "health_score", "open_p1_p2_tickets", "contract_start_date"];

    [Theory]
    [InlineData("--compact", 300, 5)]
    [InlineData("--format=csv", 300, 5)]
    [InlineData("--compact", 12_000, 23)]    // several blocks: the JSON book is parsed on every core, the compact route
    [InlineData("--format=csv", 12_000, 23)] // reading its rows on the parsing threads
    public async Task Score_VariedBookAsCsvAndAsJson_IdenticalOutput(string mode, int rows, int seed)
    {
        var (csv, json) = VariedBook(rows, seed);
        Assert.True(rows < 1000 || Encoding.UTF8.GetByteCount(json) > 2 * JsonAccountSource.DefaultBlockBytes);
        using var temp = Temp();
        string csvPath = temp.Write("book.csv", csv);
        string jsonPath = temp.Write("book.json", json);

        var fromCsv = await RunAsync("score", csvPath, mode, "--as-of", AsOfText, "--quiet");
        var fromJson = await RunAsync("score", jsonPath, mode, "--as-of", AsOfText, "--quiet");

        Assert.Equal(fromCsv.ExitCode, fromJson.ExitCode);
        Assert.Equal(fromCsv.Stdout, fromJson.Stdout);
        Assert.Equal(Lines(fromCsv.Stderr), Lines(fromJson.Stderr).Select(l => l.Replace("accountId", "account_id", StringComparison.Ordinal).Replace("planFit", "plan_fit", StringComparison.Ordinal)));
        Assert.Equal(rows + 1, Read(fromJson.Stdout).Count + 1 + Lines(fromJson.Stderr).Count);
    }

    [Fact]
    public async Task Score_JsonObjectsSpreadOverManyBuffers_EveryRowOnItsLine()
    {
        // Far more than one 64 KiB buffer, with objects cut at every possible place by the buffer's end; long names
        // and escapes make the objects' sizes vary.
        var sb = new StringBuilder("[\n");
        for (int i = 0; i < 3000; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {{\"accountId\": \"a{i}\", \"name\": \"{new string('x', i % 97)}\\u00e9\\n\", \"arr\": {1000 + i}, \"planFit\": {i % 101}, \"velocity\": \"{i % 77}\"}}{(i < 2999 ? "," : string.Empty)}\n");
        }

        sb.Append("]\n");
        using var temp = Temp();
        string path = temp.Write("book.json", sb.ToString().Replace("\"arr\": 2500,", "\"arr\": -1,", StringComparison.Ordinal));

        var result = await RunAsync("score", path, "--compact", "--as-of", AsOfText, "--quiet");

        Assert.Equal(ExitCodes.RowsRejected, result.ExitCode);
        Assert.Equal(2999, Read(result.Stdout).Count);
        var rejected = Assert.Single(Lines(result.Stderr), l => l.StartsWith("rejected", StringComparison.Ordinal));
        Assert.StartsWith("rejected line 1502 (account a1500): arr: ", rejected, StringComparison.Ordinal);
        Assert.Equal("a2999", Read(result.Stdout)[^1]["account_id"]);
    }

    [Fact]
    public async Task Score_LoneSurrogateEscape_RejectsThatRowWithLineAndField()
    {
        using var temp = Temp();
        string path = temp.Write("book.json", "[\n  {\"accountId\": \"good\", \"arr\": 1000, \"planFit\": 50},\n  {\"accountId\": \"bad\",\n   \"name\": \"Acme \\ud800 Corp\", \"arr\": 1000, \"planFit\": 50},\n  {\"accountId\": \"also-good\", \"arr\": 2000, \"planFit\": 60}\n]\n");

        var result = await RunAsync("score", path, "--as-of", AsOfText, "--quiet");

        Assert.Equal(ExitCodes.RowsRejected, result.ExitCode);
        Assert.DoesNotContain("unexpected", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("line 3", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("name: not valid text", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("\\ud800", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(["good", "also-good"], Read(result.Stdout).Select(r => r["account_id"]));
    }

    [Fact]
    public async Task Score_ElementOverTheSizeLimit_StopsWithTheLimitAndLine()
    {
        using var temp = Temp();
        string huge = new('x', JsonAccountSource.MaxElementBytes + 10);
        string path = temp.Write("book.json", $"[\n  {{\"accountId\": \"ok\", \"arr\": 1}},\n  {{\"accountId\": \"big\", \"name\": \"{huge}\", \"arr\": 1}}\n]\n");

        var result = await RunAsync("score", path, "--as-of", AsOfText, "--quiet");

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.StartsWith("error: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("line 3: an element of the array is larger than 1,048,576 bytes", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[{\"accountId\": \"a\", \"arr\": 1, \"planFit\": {\"x\": 1}}]", "planFit: expected a single value, found an object")]
    [InlineData("[{\"accountId\": \"a\", \"arr\": 1, \"arr\": 2}]", "arr: arr is given more than once")]
    [InlineData("[{\"accountId\": \"a\", \"arr\": 1}, 7]", "(row): expected an account object, found a number")]
    public async Task Score_BadElement_RejectedWithItsReason(string json, string reason)
    {
        using var temp = Temp();
        string path = temp.Write("book.json", json);

        var result = await RunAsync("score", path, "--compact", "--as-of", AsOfText, "--quiet");

        Assert.Equal(ExitCodes.RowsRejected, result.ExitCode);
        Assert.Contains(reason, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_CompoundValuesPagesIntoTheBook_RejectedWithTheirReasons()
    {
        // Far past the first buffer, which is the only one read as the file's last, and in blocks on several threads:
        // an object as a value and a list of events holding an object are rejected with their reasons, as in a small book.
        const int Rows = 50_000;
        var sb = new StringBuilder("[\n");
        for (int i = 0; i < Rows; i++)
        {
            string extra = i switch
            {
                20_000 => ", \"velocity\": {\"x\": [1, 2]}",
                25_000 => ", \"triggerEvents\": [\"funding_round@2026-11-01\", {\"x\": 1}]",
                _ => string.Empty,
            };
            sb.Append(CultureInfo.InvariantCulture, $"  {{\"accountId\": \"a{i}\", \"arr\": {1000 + i}, \"planFit\": 50{extra}}}{(i < Rows - 1 ? "," : string.Empty)}\n");
        }

        sb.Append("]\n");
        Assert.True(sb.Length > 2 * JsonAccountSource.DefaultBlockBytes);
        using var temp = Temp();
        string path = temp.Write("book.json", sb.ToString());

        var result = await RunAsync("score", path, "--compact", "--as-of", AsOfText, "--quiet");

        Assert.Equal(ExitCodes.RowsRejected, result.ExitCode);
        Assert.DoesNotContain("unexpected", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("rejected line 20002 (account a20000): velocity: expected a single value, found an object", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("rejected line 25002 (account a25000): triggerEvents: expected a single value, found an array", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(Rows - 2, Read(result.Stdout).Count);
    }

    [Fact]
    public async Task Score_SyntaxErrorPagesIntoTheBook_RowsBeforeItScoredThenTheErrorWithItsLine()
    {
        // Several pages of the parsing thread (far past the first 64 KiB), then a missing comma: the rows before the
        // error are written, in order, and the error names its line, as from one thread.
        const int Rows = 20_000;
        var sb = new StringBuilder("[\n");
        for (int i = 0; i < Rows; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {{\"accountId\": \"a{i}\", \"name\": \"{new string('n', i % 50)}\", \"arr\": {1000 + i}, \"planFit\": {i % 101}, \"velocity\": {i % 77}, \"segment\": \"SMB\"}}");
            sb.Append(i == 15_000 ? "\n" : ",\n");
        }

        sb.Append("]\n");
        Assert.True(sb.Length > 2 * JsonAccountSource.DefaultBlockBytes);
        using var temp = Temp();
        string path = temp.Write("book.json", sb.ToString());

        var result = await RunAsync("score", path, "--compact", "--as-of", AsOfText, "--quiet");

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("near line 15003: not valid JSON", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10, "near line 12: ")]
    [InlineData(4000, "near line 4002: ")]
    public async Task Score_MistakenLiteral_ErrorQuotesTheLiteralOnly(int row, string place)
    {
        // The reader quotes all it was given from the literal on: the error quotes the literal alone, wherever the buffer ends.
        var sb = new StringBuilder("[\n");
        for (int i = 0; i < 5000; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {{\"accountId\": \"a{i}\", \"arr\": {1000 + i}, \"planFit\": {(i == row ? "nul" : "50")}}}{(i < 4999 ? "," : string.Empty)}\n");
        }

        sb.Append("]\n");
        using var temp = Temp();
        string path = temp.Write("book.json", sb.ToString());

        var result = await RunAsync("score", path, "--compact", "--as-of", AsOfText, "--quiet");

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Equal($"error: {path}, {place}not valid JSON: 'nul' is an invalid JSON literal. Expected the literal 'null'.", result.Stderr.TrimEnd());
    }

    [Fact]
    public async Task Score_UnknownFieldFirstSeenPagesIntoTheBook_WarnedOnceInOrderWithTheRejections()
    {
        // The parsing thread reads ahead; the warning must still come after the rejection of an earlier row and before
        // that of a later one.
        const int Rows = 12_000;
        var sb = new StringBuilder("[\n");
        for (int i = 0; i < Rows; i++)
        {
            string extra = i >= 9_000 ? ", \"ownerEmail\": \"x@example.com\"" : string.Empty;
            string arr = i is 8_000 or 10_000 ? "-1" : (1000 + i).ToString(CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture, $"  {{\"accountId\": \"a{i}\", \"name\": \"{new string('n', 40)}\", \"arr\": {arr}, \"planFit\": {i % 101}{extra}}}{(i < Rows - 1 ? "," : string.Empty)}\n");
        }

        sb.Append("]\n");
        using var temp = Temp();
        string path = temp.Write("book.json", sb.ToString());

        var result = await RunAsync("score", path, "--compact", "--as-of", AsOfText, "--quiet");

        Assert.Equal(ExitCodes.RowsRejected, result.ExitCode);
        Assert.Equal(Rows - 2, Read(result.Stdout).Count);
        var lines = Lines(result.Stderr);
        int first = lines.FindIndex(l => l.StartsWith("rejected line 8002 ", StringComparison.Ordinal));
        int warning = lines.FindIndex(l => l.Contains("ignoring unknown field ownerEmail", StringComparison.Ordinal));
        int second = lines.FindIndex(l => l.StartsWith("rejected line 10002 ", StringComparison.Ordinal));
        Assert.True(first >= 0 && first < warning && warning < second, result.Stderr);
        Assert.Single(lines, l => l.Contains("ownerEmail", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Score_StrictStopsEarlyInALargeBook_EndsWithoutWaitingForTheRest()
    {
        var sb = new StringBuilder("[\n  {\"accountId\": \"bad\", \"arr\": -1},\n");
        for (int i = 0; i < 30_000; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {{\"accountId\": \"a{i}\", \"name\": \"{new string('n', 60)}\", \"arr\": {1000 + i}}},\n");
        }

        sb.Append("  {\"accountId\": \"last\", \"arr\": 1}\n]\n");
        using var temp = Temp();
        string path = temp.Write("book.json", sb.ToString());

        var result = await RunAsync("score", path, "--compact", "--strict", "--as-of", AsOfText, "--quiet");

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("line 2 (account bad): arr", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--strict", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_CommentsAnywhere_SameAsWithoutThemWithTheirLinesCounted()
    {
        // Comments before the array, between elements, between a name and its value, inside a list and after the
        // array; a block comment with braces, quotes and line breaks. The rejected row's line counts the comments' lines.
        const string Plain = "[\n{\"accountId\": \"a\", \"arr\": 1000, \"planFit\": 80, \"triggerEvents\": [\"funding_round@2026-11-01\", \"hiring_spree@2026-10-20\"]},\n{\"accountId\": \"b\", \"arr\": -1},\n{\"accountId\": \"c\", \"arr\": 3000, \"velocity\": 40}\n]\n";
        const string Commented = "// export of 2026-11-23\n/* accounts { \"x\": [ */\n[\n{\"accountId\": \"a\", /* ARR */ \"arr\": 1000, \"planFit\": // fit\n 80, \"triggerEvents\": [\"funding_round@2026-11-01\", /* , */ \"hiring_spree@2026-10-20\"]},\n// next\n/* two\nlines } */ {\"accountId\": \"b\", \"arr\": -1},\n{\"accountId\": \"c\", \"arr\": 3000, \"velocity\": /* v */ 40} // last\n] // end\n/* trailing */\n";
        using var temp = Temp();
        string plain = temp.Write("plain.json", Plain);
        string commented = temp.Write("commented.json", Commented);

        var expected = await RunAsync("score", plain, "--compact", "--as-of", AsOfText, "--quiet");
        var result = await RunAsync("score", commented, "--compact", "--as-of", AsOfText, "--quiet");

        Assert.Equal(ExitCodes.RowsRejected, result.ExitCode);
        Assert.Equal(expected.Stdout, result.Stdout);
        Assert.Equal(["a", "c"], Read(result.Stdout).Select(r => r["account_id"]));
        Assert.StartsWith("rejected line 3 (account b): arr", expected.Stderr, StringComparison.Ordinal);
        Assert.StartsWith("rejected line 8 (account b): arr", result.Stderr, StringComparison.Ordinal);
    }

    private static List<string> Lines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>The same random book as CSV and as JSON (strings, numbers, nulls, escapes, spellings only the full parser takes, bad rows).</summary>
    internal static (string Csv, string Json) VariedBook(int count, int seed)
    {
        var random = new Random(seed);
        var csv = new StringBuilder(string.Join(',', Fields)).Append('\n');
        var json = new StringBuilder("[\n");
        string[] segments = ["SMB", "MidMarket", "Enterprise", "mid-market", ""];
        for (int i = 0; i < count; i++)
        {
            string Num(int max, int missingOneIn) => random.Next(missingOneIn) == 0 ? string.Empty : (random.Next(max * 10 + 1) / 10.0).ToString(CultureInfo.InvariantCulture);
            string Date(int from, int to) => random.Next(5) == 0 ? string.Empty : BookDate(random.Next(from, to));
            int purchased = random.Next(1, 300);
            string[] values =
            [
                $"id-{i}", i % 4 == 0 ? $"Café {i}" : $"Account {i}", segments[random.Next(segments.Length)], i % 3 == 0 ? "Pro" : "Growth",
                random.Next(40) == 0 ? "-5" : random.Next(1_000, 500_000).ToString(CultureInfo.InvariantCulture),
                Num(100, 10), Num(100, 8), Num(100, 8), Num(100, 8), Num(100, 5),
                purchased.ToString(CultureInfo.InvariantCulture), random.Next(0, purchased + 30).ToString(CultureInfo.InvariantCulture),
                Date(-30, 400), Num(100, 4), random.Next(4) == 0 ? string.Empty : (random.Next(8) == 0 ? "2" : "0"), Date(-900, -10),
            ];
            csv.Append(string.Join(',', values)).Append('\n');
            json.Append("  {");
            for (int f = 0; f < Fields.Length; f++)
            {
                string v = values[f];
                string camel = InputSchema.ToCamel(Fields[f]);
                // Numbers as JSON numbers or strings, text as strings (one in five with an escape), missing as null or left out.
                string written = v.Length == 0 ? (random.Next(2) == 0 ? "null" : string.Empty)
                    : f is 4 or >= 5 and <= 11 or 13 or 14 && random.Next(3) > 0 && v != "-5" ? v
                    : "\"" + (random.Next(5) == 0 ? v.Replace("a", "\\u0061", StringComparison.Ordinal) : v) + "\"";
                if (written.Length > 0)
                {
                    json.Append(CultureInfo.InvariantCulture, $"\"{camel}\": {written}, ");
                }
            }

            json.Append("}").Append(i < count - 1 ? ",\n" : "\n");
        }

        json.Append("]\n");
        return (csv.ToString(), json.ToString());
    }

    private static string BookDate(int days) => AsOf.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
