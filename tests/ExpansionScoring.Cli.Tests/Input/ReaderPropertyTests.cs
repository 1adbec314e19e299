using System.Text;
using System.Text.Json;
using ExpansionScoring.Cli.Commands;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static ExpansionScoring.Cli.Tests.CliHarness;

namespace ExpansionScoring.Cli.Tests.Input;

/// <summary>
/// Whatever bytes the tool is given, it never throws out of the tool, and every data row it finds is either scored
/// or rejected.
/// </summary>
public class ReaderPropertyTests
{
    [Property(MaxTest = 150, Arbitrary = [typeof(Arbitraries)])]
    public Property Score_RandomBytes_NeverThrowsAndAccountsForEveryRow(Input input)
    {
        using var temp = Temp();
        string path = temp.Write("random" + input.Extension, input.Bytes);

        var result = RunAsync("score", path, "--format", "json", "--as-of", AsOfText, "--quiet").GetAwaiter().GetResult();

        return Invariants(result).Label($"exit {result.ExitCode}: {result.Stderr}");
    }

    [Property(MaxTest = 150, Arbitrary = [typeof(Arbitraries)])]
    public Property Score_RandomMalformedCsv_ScoredPlusRejectedPlusSkippedEqualsDataRows(MalformedCsv csv)
    {
        var result = RunWithInputAsync(csv.Text, "score", "-", "--format", "json", "--as-of", AsOfText, "--quiet").GetAwaiter().GetResult();

        // Blank rows and a trailing footer (rows with at most one non-empty field) are skipped and counted, not lost.
        bool accounted = result.ExitCode != ExitCodes.Failed && Counts(result) is var (rows, scored, rejected)
            && rows + result.Json().GetProperty("summary").GetProperty("skipped").GetInt64() == csv.DataRows && scored + rejected == rows
            && result.ExitCode == (rejected > 0 ? ExitCodes.RowsRejected : ExitCodes.Success);
        return accounted.Label($"expected {csv.DataRows} rows; exit {result.ExitCode}; {result.Stderr}\n---\n{csv.Text}");
    }

    private static bool Invariants(CliResult result)
    {
        if (result.Stderr.Contains("   at ", StringComparison.Ordinal) || result.Stderr.Contains("unexpected", StringComparison.Ordinal))
        {
            return false;
        }

        if (result.ExitCode == ExitCodes.Failed)
        {
            return result.Stderr.StartsWith("error: ", StringComparison.Ordinal);
        }

        return result.ExitCode is ExitCodes.Success or ExitCodes.RowsRejected
            && Counts(result) is var (rows, scored, rejected) && scored + rejected == rows
            && result.ExitCode == (rejected > 0 ? ExitCodes.RowsRejected : ExitCodes.Success);
    }

    private static (long Rows, long Scored, long Rejected) Counts(CliResult result)
    {
        var json = result.Json();
        var summary = json.GetProperty("summary");
        long scored = json.GetProperty("accounts").GetArrayLength();
        long rejected = json.GetProperty("rejected").GetArrayLength();
        Assert.Equal(summary.GetProperty("scored").GetInt64(), scored);
        Assert.Equal(summary.GetProperty("rejected").GetInt64(), rejected);
        return (summary.GetProperty("rows").GetInt64(), scored, rejected);
    }

    public sealed record Input(string Extension, byte[] Bytes)
    {
        public override string ToString() => $"{Extension} {Convert.ToHexString(Bytes.AsSpan(0, Math.Min(Bytes.Length, 200)))}";
    }

    /// <summary>A CSV text built row by row, and how many data rows a correct reader must find in it.</summary>
    public sealed record MalformedCsv(string Text, int DataRows)
    {
        public override string ToString() => Text;
    }

    public static class Arbitraries
    {
        private const string Header = "account_id,name,arr,plan_fit,segment,renewal_date";

        private static readonly Gen<byte[]> AnyBytes = Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i));

        private static readonly Gen<string> Junk = Gen.ArrayOf(Gen.Elements("a", "1", ",", "\"", "\n", "\r\n", "\r", " ", "\t", "é", "\0", "=", "-", "NaN", "[", "{", "}", "]", ":", "9e999"))
            .Select(parts => string.Concat(parts));

        /// <summary>Random bytes; random bytes after a valid header; random text after a valid header; random JSON-ish text.</summary>
        public static Arbitrary<Input> Inputs() => Gen.OneOf(
            from ext in Gen.Elements(".csv", ".json")
            from bytes in AnyBytes
            select new Input(ext, bytes),
            from bytes in AnyBytes
            select new Input(".csv", [.. Encoding.UTF8.GetBytes(Header + "\n"), .. bytes]),
            from junk in Junk
            select new Input(".csv", Encoding.UTF8.GetBytes(Header + "\n" + junk)),
            from junk in Junk
            select new Input(".json", Encoding.UTF8.GetBytes("[" + junk)),
            from objects in Gen.ArrayOf(JsonObject())
            select new Input(".json", Encoding.UTF8.GetBytes("[" + string.Join(",\n", objects) + "]"))).ToArbitrary();

        /// <summary>
        /// Rows that are each exactly one CSV record: good values, bad values, quoted fields with commas, quotes and
        /// line breaks, stray quotes, text after a closing quote, and too few or too many fields.
        /// </summary>
        public static Arbitrary<MalformedCsv> Malformed() =>
            (from rows in Gen.ArrayOf(Row())
             from lineEnd in Gen.Elements("\n", "\r\n")
             select new MalformedCsv(Header + lineEnd + string.Concat(rows.Select(r => r + lineEnd)), rows.Length)).ToArbitrary();

        private static Gen<string> Row() =>
            from id in Gen.OneOf(Gen.Choose(1, 40).Select(i => "a" + i), Gen.Elements("", "\"quoted,id\"", "=x"))
            from name in Field()
            from arr in Gen.Elements("1000", "0", "-5", "abc", "NaN", "Infinity", "1e309", "12.5", "", "\"3,000\"", "\"2000\"")
            from planFit in Gen.Elements("50", "100", "101", "-1", "", "x", "nan")
            from segment in Gen.Elements("SMB", "mid-market", "Enterprise", "Startup", "")
            from date in Gen.Elements("2027-01-01", "2027-13-01", "01/02/2027", "")
            from shape in Gen.Frequency((8, Gen.Constant(0)), (1, Gen.Constant(-1)), (1, Gen.Constant(1)))
            let fields = new[] { id, name, arr, planFit, segment, date }
            let chosen = shape < 0 ? fields[..4] : shape > 0 ? [.. fields, "extra"] : fields
            select string.Join(",", chosen);

        private static Gen<string> Field() => Gen.OneOf(
            Gen.Elements("Acme", "", "Café", "  padded  "),
            Gen.Elements("\"A, Inc.\"", "\"Say \"\"hi\"\"\"", "\"Two\nlines\"", "\"Three\r\nlines, \"\"quoted\"\"\"", "\"\""),
            Gen.Elements("ab\"c", "\"ab\"c", "x\"\"y"));

        private static Gen<string> JsonObject() =>
            from id in Gen.OneOf(Gen.Choose(1, 20).Select(i => JsonSerializer.Serialize("j" + i)), Gen.Elements("null", "1", "\"\"", "[]", "{}"))
            from arr in Gen.Elements("100", "-1", "\"NaN\"", "true", "null", "[1]", "1e400")
            from extra in Gen.Elements(string.Empty, ", \"planFit\": 120", ", \"segment\": \"x\"", ", \"unknownField\": {}", ", \"triggerEvents\": [\"funding_round@2026-01-01\", 3]")
            select $"{{\"accountId\": {id}, \"arr\": {arr}{extra}}}";
    }
}
