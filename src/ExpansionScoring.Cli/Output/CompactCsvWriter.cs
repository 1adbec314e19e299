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

    private static readonly string[] Segments = Enum.GetNames<Segment>();
    private static readonly string[] Offers = Enum.GetNames<OfferKind>();
    private static readonly string[] Windows = Enum.GetNames<PitchWindow>();
    private static readonly string[] Confidences = Enum.GetNames<Confidence>();
    private static readonly string[] Flags = [.. Enumerable.Range(0, 8).Select(f => string.Join(";", Enum.GetValues<GateFlags>().Where(g => g != GateFlags.None && ((GateFlags)f).HasFlag(g))))];

    private readonly CsvWriter csv;
    private readonly string[] bands;
    private readonly string[] rules;

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
        bands = [.. model.Bands.Select(b => b.Name)];
        rules = [.. model.OfferRules];
        csv.WriteHeader(Header);
    }

    /// <summary>Writes one account.</summary>
    public void Write(ReadOnlySpan<char> id, Segment segment, double arr, double composite, double probability, int band, OfferKind offer, int rule, double opportunity, PitchWindow window, Confidence confidence, GateFlags blocked, GateFlags notEvaluated, int missing)
    {
        csv.WriteField(id);
        csv.WriteField(Segments[(int)segment]);
        csv.WriteField(arr, default);
        csv.WriteField(composite, default);
        csv.WriteField(probability, default);
        csv.WriteField(bands[band]);
        csv.WriteField(Offers[(int)offer]);
        csv.WriteField(rule >= 0 ? rules[rule] : string.Empty);
        csv.WriteField(opportunity, default);
        csv.WriteField(Windows[(int)window]);
        csv.WriteField(Confidences[(int)confidence]);
        csv.WriteField(blocked != GateFlags.None ? "true" : "false");
        csv.WriteField(Flags[(int)blocked & 7]);
        csv.WriteField(Flags[(int)notEvaluated & 7]);
        csv.WriteField(missing, default);
        csv.EndRecord();
    }

    /// <summary>Gets the index of an offer rule by name, −1 for none.</summary>
    public int RuleIndex(string? name) => name is null ? -1 : Array.IndexOf(rules, name);

    public void Flush() => csv.Flush();

    public void Dispose() => csv.Dispose();
}
