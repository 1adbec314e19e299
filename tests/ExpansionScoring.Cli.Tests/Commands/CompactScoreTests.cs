using System.Globalization;
using System.Text;
using static ExpansionScoring.Cli.Tests.CliHarness;

namespace ExpansionScoring.Cli.Tests.Commands;

/// <summary>
/// <c>score --compact</c>: the columnar route must accept and reject exactly the rows the full route does, with the
/// same reasons, and give every accepted account the same band, offer, window, gates, probability and dollars.
/// </summary>
public sealed class CompactScoreTests
{
    private const string Header = "account_id,name,segment,plan,arr,plan_fit,velocity,engagement,champion,triggers,seats_purchased,seats_active,seat_saturation,days_to_renewal,renewal_date,health_score,open_p1_p2_tickets,contract_start_date";

    private static readonly string[] Shared = ["account_id", "segment", "arr", "band", "offer", "offer_rule", "window", "confidence", "gated", "gates_blocked", "gates_not_evaluated"];

    [Fact]
    public async Task Compact_EdgeCaseBook_SameAcceptedRowsResultsAndRejectionsAsTheFullOutput()
    {
        string book = string.Join('\n',
        [
            Header,
            "plain,Plain,SMB,Starter,1000,50,50,50,50,50,10,9,,30,,80,0,2024-01-01",
            "\"quoted id\",\"Comma, Inc\",Enterprise,Pro,250000,90,95,80,85,75,,,0.9,,2027-01-10,,,",
            "dashed,Dashed,mid-market,Pro,5000,70,,,,,,,,,,,,",
            "padded,Padded, MidMarket ,Pro, 7000 , 80 ,75,70,,,,,,  12 ,,,,",
            "café,Unicode,SMB,Growth,1200,20,30,40,50,60,,,,,,,,",
            "plain,Duplicate,SMB,Starter,1000,50,50,50,50,50,,,,,,,,",
            "badnum,Bad,SMB,Starter,abc,50,50,50,50,50,,,,,,,,",
            "nan,NaN,SMB,Starter,1000,NaN,50,50,50,50,,,,,,,,",
            "range,Range,SMB,Starter,1000,120,50,50,50,50,,,,,,,,",
            "negative,Negative,SMB,Starter,-1,50,50,50,50,50,,,,,,,,",
            "baddate,Date,SMB,Starter,1000,50,50,50,50,50,,,,,2026-02-30,,,",
            "badseg,Segment,Startup,Starter,1000,50,50,50,50,50,,,,,,,,",
            ",No id,SMB,Starter,1000,50,50,50,50,50,,,,,,,,",
            "noarr,No ARR,SMB,Starter,,50,50,50,50,50,,,,,,,,",
            "seats,Seats,SMB,Starter,3000,,65,,,,100,95,,61,,59.9,,2026-06-01",
            "gated,Gated,Enterprise,Pro,90000,95,95,95,95,95,,,,20,,40,2,2020-01-01",
            "fraction,Fraction,SMB,Starter,1000,50,50,50,50,50,1.5,,,,,,,",
            "wide,Too,many,fields,1000,1,2,3,4,5,6,7,8,9,10,11,12,13,14",
            "\"=SUM(A1:A9)\",Formula,SMB,Starter,1000,50,50,50,50,50,,,,,,,,",
            "-minus,Minus,SMB,Starter,1000,50,50,50,50,50,,,,,,,,",
            "@at,At,SMB,Starter,1000,50,50,50,50,50,,,,,,,,",
            "\"a,b\",Comma id,SMB,Starter,1000,50,50,50,50,50,,,,,,,,",
            "\"say \"\"hi\"\"\",Quote id,SMB,Starter,1000,50,50,50,50,50,,,,,,,,",
            "\"=café\",Formula Unicode,SMB,Starter,1000,50,50,50,50,50,,,,,,,,",
        ]) + "\n";

        await AssertCompactMatchesFullAsync(book);
    }

    [Fact]
    public async Task Compact_ToAFileAndToStandardOutput_WritesTheSameBytes()
    {
        // The file is written as UTF-8 straight from the CSV writer, standard output through a TextWriter: the same
        // quoting and formula protection either way.
        using var temp = Temp();
        string input = temp.Write("book.csv", string.Join('\n',
        [
            Header,
            "plain,Plain,SMB,Starter,1000,50,50,50,50,50,10,9,,30,,80,0,2024-01-01",
            "\"=SUM(A1:A9)\",Formula,Enterprise,Pro,250000,90,95,80,85,75,,,0.9,,2027-01-10,,,",
            "\"a,b\",Comma,SMB,Starter,1000,50,50,50,50,50,,,,,,,,",
            "\"say \"\"hi\"\"\",Quote,SMB,Starter,1000,50,50,50,50,50,,,,,,,,",
            "\"+café\",Unicode,MidMarket,Pro,5000,70,,,,,,,,,,,,",
            "tab,Tab,SMB,Starter,1000,,,,,,,,,,,,,",
        ]) + "\n");
        string output = temp.File("out.csv");

        var toStdout = await RunAsync("score", input, "--compact", "--as-of", AsOfText, "--quiet");
        var toFile = await RunAsync("score", input, "--compact", "--as-of", AsOfText, "--quiet", "--out", output);

        Assert.Equal(0, toStdout.ExitCode);
        Assert.Equal(0, toFile.ExitCode);
        Assert.Equal(toStdout.Stdout, File.ReadAllText(output));
        Assert.Contains("\"'=SUM(A1:A9)\"", toStdout.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"a,b\"", toStdout.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compact_RandomBook_SameAcceptedRowsResultsAndRejectionsAsTheFullOutput()
    {
        var random = new Random(20261123);
        var sb = new StringBuilder(Header).Append('\n');
        string[] segments = ["SMB", "MidMarket", "Enterprise", "enterprise", "mid-market", "", "Startup"];
        for (int i = 0; i < 3_000; i++)
        {
            string id = random.Next(40) == 0 ? $"acct-{random.Next(i + 1)}" : $"acct-{i}";
            sb.Append(id).Append(",Name ").Append(i).Append(',').Append(segments[random.Next(segments.Length)]).Append(",Pro,")
              .Append(Number(random, 0, 500_000, 0.02)).Append(',');
            for (int s = 0; s < 5; s++)
            {
                sb.Append(Number(random, 0, 100, 0.15)).Append(',');
            }

            int purchased = random.Next(1, 300);
            sb.Append(random.Next(5) == 0 ? string.Empty : purchased.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(random.Next(5) == 0 ? string.Empty : random.Next(0, 400).ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(random.Next(6) == 0 ? (random.NextDouble() * 1.3).ToString("0.###", CultureInfo.InvariantCulture) : string.Empty).Append(',')
              .Append(random.Next(3) == 0 ? random.Next(-30, 400).ToString(CultureInfo.InvariantCulture) : string.Empty).Append(',')
              .Append(random.Next(4) == 0 ? AsOf.AddDays(random.Next(-30, 400)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty).Append(',')
              .Append(Number(random, 0, 100, 0.3)).Append(',')
              .Append(random.Next(4) == 0 ? string.Empty : random.Next(0, 3).ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(random.Next(5) == 0 ? string.Empty : AsOf.AddDays(-random.Next(0, 900)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
              .Append('\n');
        }

        await AssertCompactMatchesFullAsync(sb.ToString());
    }

    [Fact]
    public async Task Compact_BookWithTelemetryColumns_TakesTheRowRouteWithTheSameResults()
    {
        await AssertCompactMatchesFullAsync(File.ReadAllText(Fixture("book.csv")));
    }

    [Theory]
    [InlineData("--format", "json", "--compact writes CSV")]
    [InlineData("--top", "3", "cannot be combined with --top")]
    public async Task Compact_WithAnIncompatibleOption_ExitsOne(string option, string value, string expected)
    {
        var result = await RunAsync("score", Fixture("book.csv"), "--compact", option, value, "--as-of", AsOfText);

        result.AssertCleanFailure();
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compact_StrictWithABadRowAfterManyGoodOnes_ExitsOneAndWritesNoOutputFile()
    {
        using var temp = Temp();
        var sb = new StringBuilder(Header).Append('\n');
        for (int i = 0; i < 20_000; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"a{i},A,SMB,Pro,1000,50,50,50,50,50,,,,,,,,\n");
        }

        sb.Append("bad,B,SMB,Pro,-1,50,50,50,50,50,,,,,,,,\n");
        string input = temp.Write("strict.csv", sb.ToString());
        string output = temp.File("out.csv");

        var result = await RunAsync("score", input, "--compact", "--strict", "--out", output, "--as-of", AsOfText);

        result.AssertCleanFailure();
        Assert.Contains("line 20002", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Compact_ManyChunks_EveryRowWrittenOnceInInputOrder()
    {
        using var temp = Temp();
        var sb = new StringBuilder(Header).Append('\n');
        for (int i = 0; i < 30_000; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"a{i},A,SMB,Pro,{1000 + i},{i % 101},50,50,50,50,,,,,,,,\n");
        }

        string input = temp.Write("many.csv", sb.ToString());

        var result = await RunAsync("score", input, "--compact", "--as-of", AsOfText, "--quiet");

        Assert.Equal(0, result.ExitCode);
        var rows = result.CsvRows();
        Assert.Equal(Enumerable.Range(0, 30_000).Select(i => $"a{i}"), rows.Select(r => r["account_id"]));
    }

    [Fact]
    public async Task Compact_Summary_NamesTheBatchPath()
    {
        using var temp = Temp();
        string path = temp.Write("plain.csv", Header + "\na1,A,SMB,Pro,1000,50,50,50,50,50,,,,,,,,\n");

        var result = await RunAsync("score", path, "--compact", "--as-of", AsOfText);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("batch path", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.CsvRows());
    }

    private static string Number(Random random, double min, double max, double blank)
    {
        double roll = random.NextDouble();
        if (roll < blank)
        {
            return string.Empty;
        }

        return random.Next(60) switch
        {
            0 => "abc",
            1 => "NaN",
            2 => (max + 1).ToString(CultureInfo.InvariantCulture),
            3 => "-5",
            4 => " 42 ",
            _ => Math.Round(min + (random.NextDouble() * (max - min)), 1).ToString(CultureInfo.InvariantCulture),
        };
    }

    private static async Task AssertCompactMatchesFullAsync(string book)
    {
        using var temp = Temp();
        string input = temp.Write("book.csv", book);
        string fullRejects = temp.File("full-rejects.csv");
        string compactRejects = temp.File("compact-rejects.csv");

        var full = await RunAsync("score", input, "--as-of", AsOfText, "--quiet", "--rejects", fullRejects);
        var compact = await RunAsync("score", input, "--compact", "--as-of", AsOfText, "--quiet", "--rejects", compactRejects);

        Assert.Equal(full.ExitCode, compact.ExitCode);
        Assert.Equal(File.Exists(fullRejects) ? File.ReadAllText(fullRejects) : null, File.Exists(compactRejects) ? File.ReadAllText(compactRejects) : null);
        var expected = full.CsvRows();
        var actual = compact.CsvRows();
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            foreach (string column in Shared)
            {
                Assert.True(expected[i][column] == actual[i][column], $"row {i} ({expected[i]["account_id"]}), {column}: full '{expected[i][column]}', compact '{actual[i][column]}'");
            }

            foreach (string column in new[] { "composite", "probability", "opportunity" })
            {
                double e = double.Parse(expected[i][column], CultureInfo.InvariantCulture);
                double a = double.Parse(actual[i][column], CultureInfo.InvariantCulture);
                Assert.True(Math.Abs(e - a) <= 1e-9 * Math.Max(1, Math.Abs(e)), $"row {i}, {column}: full {e}, compact {a}");
            }

            Assert.Equal(expected[i]["missing_signals"].Split(';', StringSplitOptions.RemoveEmptyEntries).Length, int.Parse(actual[i]["missing_signals"], CultureInfo.InvariantCulture));
        }
    }
}
