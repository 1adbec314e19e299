using System.Globalization;
using System.Text;
using ExpansionScoring.Cli.Commands;
using static ExpansionScoring.Cli.Tests.CliHarness;

namespace ExpansionScoring.Cli.Tests.Commands;

/// <summary>
/// A book in parts (a folder, or a glob in the file name): <c>portfolio</c> sums the parts in parallel and merges them
/// into exactly the single file's portfolio; <c>score</c> gives the single file's rows, in the parts' order.
/// </summary>
public sealed class PartitionTests
{
    private const string Header = "account_id,name,segment,plan,arr,plan_fit,velocity,engagement,champion,triggers,seats_purchased,seats_active,renewal_date,health_score,open_p1_p2_tickets,contract_start_date";

    [Theory]
    [InlineData("folder", "json")]
    [InlineData("glob", "json")]
    [InlineData("glob", "html")]
    public async Task Portfolio_BookInParts_EqualsTheSingleFile(string how, string format)
    {
        using var temp = Temp();
        var (whole, parts) = Book(temp, rows: 600, partCount: 4);

        var single = await RunAsync("portfolio", whole, "--as-of", AsOfText, "--format", format, "--top", "15", "--quiet");
        var merged = await RunAsync("portfolio", how == "folder" ? Path.GetDirectoryName(parts[0])! : Path.Combine(Path.GetDirectoryName(parts[0])!, "part-*.csv"), "--as-of", AsOfText, "--format", format, "--top", "15", "--quiet");

        Assert.Equal(single.ExitCode, merged.ExitCode);
        Assert.Equal(Normalise(single.Stdout), Normalise(merged.Stdout));
        Assert.Equal(Lines(single.Stderr).Count, Lines(merged.Stderr).Count);
    }

    [Theory]
    [InlineData("--compact")]
    [InlineData("--format=csv")]
    public async Task Score_BookInParts_SameRowsInThePartsOrder(string mode)
    {
        using var temp = Temp();
        var (whole, parts) = Book(temp, rows: 300, partCount: 3);

        var single = await RunAsync("score", whole, mode, "--as-of", AsOfText, "--quiet");
        var fromParts = await RunAsync("score", Path.GetDirectoryName(parts[0])!, mode, "--as-of", AsOfText, "--quiet");

        Assert.Equal(single.ExitCode, fromParts.ExitCode);
        Assert.Equal(single.Stdout, fromParts.Stdout);
    }

    [Fact]
    public async Task Score_PartsInCsvAndJson_SameAsTheSingleCsvFile()
    {
        using var temp = Temp();
        var (whole, parts) = Book(temp, rows: 200, partCount: 2);

        // The second part as JSON: the same values, as strings, under the camelCase names; empty values left out.
        string[] names = Header.Split(',');
        var objects = File.ReadAllLines(parts[1]).Skip(1).Where(l => l.Length > 0).Select(line =>
            "{" + string.Join(", ", line.Split(',').Select((v, f) => (v, f)).Where(x => x.v.Length > 0)
                .Select(x => $"\"{InputSchema.ToCamel(names[x.f])}\": \"{x.v}\"")) + "}");
        File.Delete(parts[1]);
        temp.Write("parts/part-1.json", "[\n" + string.Join(",\n", objects) + "\n]\n");

        var single = await RunAsync("score", whole, "--compact", "--as-of", AsOfText, "--quiet");
        var fromParts = await RunAsync("score", Path.GetDirectoryName(parts[0])!, "--compact", "--as-of", AsOfText, "--quiet");

        Assert.Equal(single.ExitCode, fromParts.ExitCode);
        Assert.Equal(200, CsvText.Read(single.Stdout).Count + 1);
        Assert.Equal(single.Stdout, fromParts.Stdout);
    }

    [Fact]
    public async Task Score_IdRepeatedInTwoParts_RejectedAsInOneFile()
    {
        using var temp = Temp();
        Directory.CreateDirectory(temp.File("parts"));
        temp.Write("parts/a.csv", Header + "\nsame,A,SMB,Starter,1000,50,,,,,,,,,,\n");
        string b = temp.Write("parts/b.csv", Header + "\nsame,B,SMB,Starter,2000,60,,,,,,,,,,\n");

        var result = await RunAsync("score", Path.GetDirectoryName(b)!, "--compact", "--as-of", AsOfText, "--quiet");

        Assert.Equal(ExitCodes.RowsRejected, result.ExitCode);
        Assert.Contains("same", result.Stderr, StringComparison.Ordinal);
        Assert.Single(CsvText.Read(result.Stdout));
    }

    [Theory]
    [InlineData("nothing-*.csv", "no file matches")]
    [InlineData("empty-folder", "the folder holds no .csv, .json or .parquet file")]
    public async Task Portfolio_PartsThatAreNotThere_ClearError(string input, string message)
    {
        using var temp = Temp();
        Directory.CreateDirectory(temp.File("empty-folder"));
        temp.Write("empty-folder/readme.txt", "not a book");
        string path = temp.File(input);

        var result = await RunAsync("portfolio", path, "--as-of", AsOfText);

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>A varied book as one file and as <paramref name="partCount"/> parts in a folder of their own (one bad row included).</summary>
    private static (string Whole, List<string> Parts) Book(TempFolder temp, int rows, int partCount)
    {
        var random = new Random(rows);
        var lines = new List<string>();
        for (int i = 0; i < rows; i++)
        {
            string Num(int missingOneIn) => random.Next(missingOneIn) == 0 ? string.Empty : (random.Next(1001) / 10.0).ToString(CultureInfo.InvariantCulture);
            int purchased = random.Next(1, 300);
            lines.Add(string.Join(',',
                $"acct-{i:D4}", $"Account {i}", (i % 3) switch { 0 => "SMB", 1 => "MidMarket", _ => "Enterprise" }, i % 2 == 0 ? "Pro" : "Growth",
                i == rows / 2 ? "-1" : random.Next(1_000, 900_000).ToString(CultureInfo.InvariantCulture),
                Num(10), Num(8), Num(8), Num(8), Num(5),
                purchased.ToString(CultureInfo.InvariantCulture), random.Next(0, purchased + 30).ToString(CultureInfo.InvariantCulture),
                random.Next(5) == 0 ? string.Empty : AsOf.AddDays(random.Next(-30, 400)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                random.Next(4) == 0 ? string.Empty : random.Next(30, 101).ToString(CultureInfo.InvariantCulture),
                random.Next(4) == 0 ? string.Empty : (random.Next(10) == 0 ? "1" : "0"),
                random.Next(5) == 0 ? string.Empty : AsOf.AddDays(-random.Next(10, 900)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }

        string whole = temp.Write("whole.csv", Header + "\n" + string.Join('\n', lines) + "\n");
        var parts = new List<string>();
        Directory.CreateDirectory(temp.File("parts"));
        int size = (rows + partCount - 1) / partCount;
        for (int p = 0; p < partCount; p++)
        {
            var part = new StringBuilder(Header).Append('\n');
            foreach (string line in lines.Skip(p * size).Take(size))
            {
                part.Append(line).Append('\n');
            }

            parts.Add(temp.Write($"parts/part-{p}.csv", part.ToString()));
        }

        return (whole, parts);
    }

    /// <summary>The HTML report names its source (the file, or the parts); everything else must be equal.</summary>
    private static string Normalise(string output)
        => string.Join('\n', output.Split('\n').Where(l => !l.Contains("whole.csv", StringComparison.Ordinal) && !l.Contains("part", StringComparison.Ordinal)));

    private static List<string> Lines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
}
