using System.Text;
using CsvHelper;
using ExpansionScoring.Gates;

namespace ExpansionScoring.Cli.Output;

/// <summary>
/// The <c>--compact</c> CSV: one row of numbers and names per account, no explanation text (offer label, rationale,
/// window reason, per-signal contributions), so a book of millions is written at the speed it is read.
/// </summary>
internal sealed class CompactCsvWriter : IDisposable
{
    public static readonly string[] Header =
    [
        "account_id", "segment", "arr", "composite", "probability", "band", "offer", "offer_rule", "opportunity",
        "window", "confidence", "gated", "gates_blocked", "gates_not_evaluated", "missing_signals",
    ];

    // Every name is written as UTF-8 bytes, encoded once; CsvHelper applies the same quoting and formula protection
    // to UTF-8 text as to strings, so the output is byte for byte what writing the strings gives.
    private static readonly byte[][] Segments = Utf8(Enum.GetNames<Segment>());
    private static readonly byte[][] Offers = Utf8(Enum.GetNames<OfferKind>());
    private static readonly byte[][] Windows = Utf8(Enum.GetNames<PitchWindow>());
    private static readonly byte[][] Confidences = Utf8(Enum.GetNames<Confidence>());
    private static readonly byte[][] Flags = Utf8([.. Enumerable.Range(0, 8).Select(f => string.Join(";", Enum.GetValues<GateFlags>().Where(g => g != GateFlags.None && ((GateFlags)f).HasFlag(g))))]);
    private static readonly byte[] True = "true"u8.ToArray();
    private static readonly byte[] False = "false"u8.ToArray();

    private readonly CsvWriter csv;
    private readonly byte[][] bands;
    private readonly byte[][] rules;
    private readonly string[] ruleNames;

    public CompactCsvWriter(TextWriter output, ScoringModel model)
        : this(CsvOutput.Create(output), model)
    {
    }

    /// <summary>Writes UTF-8 straight to <paramref name="output"/>, with no UTF-16 step.</summary>
    public CompactCsvWriter(Stream output, ScoringModel model)
        : this(CsvWriter.Create(output, CsvOutput.Options, leaveOpen: true), model)
    {
    }

    private CompactCsvWriter(CsvWriter csv, ScoringModel model)
    {
        this.csv = csv;
        bands = Utf8([.. model.Bands.Select(b => b.Name)]);
        ruleNames = [.. model.OfferRules];
        rules = Utf8(ruleNames);
        csv.WriteHeader(Header);
    }

    /// <summary>Writes one account.</summary>
    public void Write(ReadOnlySpan<char> id, Segment segment, double arr, double composite, double probability, int band, OfferKind offer, int rule, double opportunity, PitchWindow window, Confidence confidence, GateFlags blocked, GateFlags notEvaluated, int missing)
    {
        if (id.Contains('\0'))
        {
            csv.WriteField(CsvOutput.Text(new string(id)));
        }
        else
        {
            csv.WriteField(id);
        }

        WriteRest(segment, arr, composite, probability, band, offer, rule, opportunity, window, confidence, blocked, notEvaluated, missing);
    }

    /// <summary>Writes one account whose id is UTF-8 bytes.</summary>
    public void Write(ReadOnlySpan<byte> id, Segment segment, double arr, double composite, double probability, int band, OfferKind offer, int rule, double opportunity, PitchWindow window, Confidence confidence, GateFlags blocked, GateFlags notEvaluated, int missing)
    {
        if (id.Contains((byte)0))
        {
            csv.WriteField(CsvOutput.Text(Encoding.UTF8.GetString(id)));
        }
        else
        {
            csv.WriteField(id);
        }

        WriteRest(segment, arr, composite, probability, band, offer, rule, opportunity, window, confidence, blocked, notEvaluated, missing);
    }

    /// <summary>Gets the index of an offer rule by name, −1 for none.</summary>
    public int RuleIndex(string? name) => name is null ? -1 : Array.IndexOf(ruleNames, name);

    public void Flush() => csv.Flush();

    public void Dispose() => csv.Dispose();

    private void Text(byte[] utf8) => csv.WriteField(new ReadOnlySpan<byte>(utf8));

    private static byte[][] Utf8(string[] names) => [.. names.Select(Encoding.UTF8.GetBytes)];

    private void WriteRest(Segment segment, double arr, double composite, double probability, int band, OfferKind offer, int rule, double opportunity, PitchWindow window, Confidence confidence, GateFlags blocked, GateFlags notEvaluated, int missing)
    {
        Text(Segments[(int)segment]);
        csv.WriteField(arr, default);
        csv.WriteField(composite, default);
        csv.WriteField(probability, default);
        Text(bands[band]);
        Text(Offers[(int)offer]);
        Text(rule >= 0 ? rules[rule] : []);
        csv.WriteField(opportunity, default);
        Text(Windows[(int)window]);
        Text(Confidences[(int)confidence]);
        Text(blocked != GateFlags.None ? True : False);
        Text(Flags[(int)blocked & 7]);
        Text(Flags[(int)notEvaluated & 7]);
        csv.WriteField(missing, default);
        csv.EndRecord();
    }
}
