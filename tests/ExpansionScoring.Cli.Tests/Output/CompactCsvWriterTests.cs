using CsvHelper;
using ExpansionScoring.Cli.Output;
using ExpansionScoring.Gates;
using ExpansionScoring.Offers;
using ExpansionScoring.Windows;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ExpansionScoring.Cli.Tests.Output;

/// <summary>
/// The compact writer protects its text from spreadsheet formulas itself (so that CsvHelper writes every field on its
/// fast path): the bytes must be exactly those CsvHelper's own protection writes, for any text, in the id, in a kept
/// column and in the header.
/// </summary>
public class CompactCsvWriterTests
{
    [Property(MaxTest = 500, Arbitrary = [typeof(Arbitraries)])]
    public void Write_AnyIdAndKeptText_SameBytesAsCsvHelpersOwnProtection(string id, string kept)
    {
        using var output = new StringWriter();
        using (var writer = new CompactCsvWriter(output, ScoringModel.Default, ["=owner"]))
        {
            writer.Write(id.AsSpan(), Segment.SMB, 1000, 50, 0.5, 0, OfferKind.Seats, -1, 200, PitchWindow.Now, Confidence.High, GateFlags.None, GateFlags.None, 0, [kept]);
            writer.Flush();
        }

        string written = output.ToString();
        string header = Reference(w => w.WriteHeader([.. CompactCsvWriter.Header, "=owner"]), endRecord: false);
        Assert.StartsWith(header, written, StringComparison.Ordinal);
        string row = written[header.Length..];
        Assert.StartsWith(Field(id) + ",", row, StringComparison.Ordinal);
        Assert.EndsWith("," + Field(kept) + "\n", row, StringComparison.Ordinal);
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(Arbitraries)])]
    public void Write_AnyUtf8Id_SameBytesAsCsvHelpersOwnProtection(string id)
    {
        using var output = new StringWriter();
        using (var writer = new CompactCsvWriter(output, ScoringModel.Default))
        {
            writer.Write(System.Text.Encoding.UTF8.GetBytes(id), Segment.Enterprise, 1000, 50, 0.5, 0, OfferKind.Seats, -1, 200, PitchWindow.Now, Confidence.High, GateFlags.None, GateFlags.None, 0);
            writer.Flush();
        }

        string header = Reference(w => w.WriteHeader(CompactCsvWriter.Header), endRecord: false);
        Assert.StartsWith(header + Field(id) + ",", output.ToString(), StringComparison.Ordinal);
    }

    /// <summary>One text field as CsvHelper writes it among others (a record of one empty field alone would be written as "").</summary>
    private static string Field(string text)
    {
        string record = Reference(w =>
        {
            w.WriteField(CsvOutput.Text(text));
            w.WriteField("x");
        });
        return record[..^",x\n".Length];
    }

    /// <summary>What CsvHelper itself writes with the tool's options (formula protection on) for one record.</summary>
    private static string Reference(Action<CsvWriter> write, bool endRecord = true)
    {
        using var output = new StringWriter();
        using (var csv = CsvWriter.Create(output, CsvOutput.Options, leaveOpen: true))
        {
            write(csv);
            if (endRecord)
            {
                csv.EndRecord();
            }
        }

        return output.ToString();
    }

    public static class Arbitraries
    {
        private static readonly char[] Alphabet = "=+-@\t\r\n\",;' aZ9é\0.".ToCharArray();

        public static Arbitrary<string> Texts() => Gen.Choose(0, 12).SelectMany(n => Gen.ArrayOf(Gen.Elements(Alphabet), n)).Select(cs => new string(cs)).ToArbitrary();
    }
}
