using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static ExpansionScoring.Cli.Tests.CliHarness;

namespace ExpansionScoring.Cli.Tests.Input;

/// <summary>
/// One reader: under any input options (culture, separator, mapping, date format), the full path and --compact score
/// the same accounts and reject the same rows for the same reasons.
/// </summary>
public class OneReaderPropertyTests
{
    [Property(MaxTest = 40, Arbitrary = [typeof(Arbitraries)])]
    public bool Score_AnyOptions_FullAndCompactAcceptAndRejectTheSameRows(Export export)
    {
        using var temp = Temp();
        string path = temp.Write("export.csv", export.Text);
        string rejectsFull = temp.File("full.csv"), rejectsCompact = temp.File("compact.csv");
        string[] args = ["score", path, .. export.Options, "--as-of", AsOfText, "--quiet"];

        var full = RunAsync([.. args, "--rejects", rejectsFull]).GetAwaiter().GetResult();
        var compact = RunAsync([.. args, "--compact", "--rejects", rejectsCompact]).GetAwaiter().GetResult();

        if (full.ExitCode != compact.ExitCode)
        {
            return false;
        }

        if (full.ExitCode == 1)
        {
            return full.Stderr == compact.Stderr;
        }

        var scoredFull = full.CsvRows().Select(r => r["account_id"] + "|" + r["probability"] + "|" + r["opportunity"]);
        var scoredCompact = compact.CsvRows().Select(r => r["account_id"] + "|" + r["probability"] + "|" + r["opportunity"]);
        return scoredFull.SequenceEqual(scoredCompact) && File.ReadAllText(rejectsFull) == File.ReadAllText(rejectsCompact);
    }

    public sealed record Export(string Text, string[] Options)
    {
        public override string ToString() => string.Join(' ', Options) + "\n" + Text;
    }

    public static class Arbitraries
    {
        public static Arbitrary<Export> Exports() =>
            (from german in Gen.Elements(false, true)
             from mapped in Gen.Elements(false, true)
             from rows in Gen.ArrayOf(Row(german))
             select Build(german, mapped, rows)).ToArbitrary();

        private static Export Build(bool german, bool mapped, string[][] rows)
        {
            char sep = german ? ';' : ',';
            string[] header = mapped
                ? ["Record ID", "ARR", "Plan Fit", "Seat use", "Renewal", "Health"]
                : ["account_id", "arr", "plan_fit", "seat_saturation", "renewal_date", "health_score"];
            var text = new StringBuilder(string.Join(sep, header)).Append('\n');
            for (int i = 0; i < rows.Length; i++)
            {
                text.Append(string.Join(sep, rows[i].Select((f, c) => c == 0 ? f + i : f).Select(f => f.Contains(sep, StringComparison.Ordinal) ? $"\"{f}\"" : f))).Append('\n');
            }

            var options = new List<string>();
            if (german)
            {
                options.AddRange(["--culture", "de-DE"]);
            }

            if (mapped)
            {
                options.AddRange(["--map", "account_id=Record ID", "--map", "plan_fit=Plan Fit", "--map", "seat_saturation=Seat use", "--map", "renewal_date=Renewal", "--map", "health_score=Health"]);
            }

            return new Export(text.ToString(), [.. options]);
        }

        private static Gen<string[]> Row(bool german) =>
            from id in Gen.Elements("a", "b", "a")
            from arr in german ? Gen.Elements("12.000,00 €", "1500,5", "48.5", "abc", "", "-5", "100") : Gen.Elements("$12,000.00", "USD 1500", "48,5", "abc", "", "-5", "100", "1e3")
            from planFit in german ? Gen.Elements("87%", "48,5", "50", "101", "") : Gen.Elements("87%", "48.5", "50", "101", "")
            from saturation in german ? Gen.Elements("61 %", "0,61", "0.61", "") : Gen.Elements("61%", "0.61", "1.5", "")
            from renewal in german ? Gen.Elements("27.03.2027", "2027-03-27", "3/27/2027", "") : Gen.Elements("2027-03-27", "2027-03-27T00:00:00Z", "03/04/2027", "")
            from health in Gen.Elements("70", "59", "150.0", "")
            select new[] { id, arr, planFit, saturation, renewal, health };
    }
}
