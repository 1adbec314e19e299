using ExpansionScoring.Gates;
using ExpansionScoring.Windows;
using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using ExpansionScoring.History;
using ExpansionScoring.Pitch;

namespace ExpansionScoring.Cli.Reports;

/// <summary>
/// The interactive board's per-account data: while the book is read, each account (up to <see cref="Cap"/>) is
/// explained, given its pitch script and its smallest single-signal lift to the next band, and written at once as one
/// positional JSON array into a buffer whose texts are indices into a string table (each distinct text once), so only
/// the bytes the page will carry are held. Past the cap the accounts still
/// count in every total; the page says how many it does not list.
/// </summary>
internal sealed class BoardData
{
    /// <summary>The most accounts the board lists one by one (documented in the README).</summary>
    public const int DefaultCap = 100_000;

    /// <summary>Days before the as-of date in which a dated trigger event makes a card pulse.</summary>
    public const int RecentTriggerDays = 7;

    /// <summary>
    /// Escapes every character that could end a script element or start markup (&lt;, &gt;, &amp;, quotes) as
    /// <c>\uXXXX</c>; other text stays readable.
    /// </summary>
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);

    private readonly ScoringModel model;
    private readonly DateOnly asOf;
    private readonly PitchScriptBuilder pitches;
    private readonly ArrayBufferWriter<byte> buffer = new(64 * 1024);
    private readonly Utf8JsonWriter json;
    private readonly Dictionary<string, string> gateReasons = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> strings = new(StringComparer.Ordinal);
    private readonly List<string> stringList = [];

    public BoardData(ScoringModel model, DateOnly asOf, int cap = DefaultCap, PitchScriptBuilder? pitches = null, IEnumerable<string>? keptColumns = null)
    {
        this.model = model;
        KeptColumns = keptColumns is null ? [] : [.. keptColumns];
        this.asOf = asOf;
        this.pitches = pitches ?? PitchScriptBuilder.Default;
        Cap = cap;
        json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Encoder });
        json.WriteStartArray();
    }

    /// <summary>Gets the model's signal names, in its order.</summary>
    public IReadOnlyList<string> Signals => [.. model.Signals.Select(s => s.Name)];

    /// <summary>Gets the names of the book's kept columns (<c>--keep</c>, such as the owner) the list shows, in their order.</summary>
    public IReadOnlyList<string> KeptColumns { get; }

    /// <summary>Gets the most accounts listed.</summary>
    public int Cap { get; }

    /// <summary>Gets the accounts seen.</summary>
    public long Seen { get; private set; }

    /// <summary>Gets the accounts listed (at most <see cref="Cap"/>).</summary>
    public int Listed { get; private set; }

    /// <summary>Gets the accounts listed with Low confidence (thin data).</summary>
    public int LowConfidence { get; private set; }

    /// <summary>Gets the listed accounts whose gate data is missing for at least one gate.</summary>
    public int GatesNotEvaluated { get; private set; }

    /// <summary>Gets the blocking gates of a listed gated account, in words; <see langword="null"/> otherwise.</summary>
    public string? GateReason(string accountId) => gateReasons.GetValueOrDefault(accountId);

    /// <summary>
    /// Adds one account (after any override was applied) with its values of <see cref="KeptColumns"/>, in their order
    /// (missing values are written as none).
    /// </summary>
    public void Add(Account account, IReadOnlyList<string?>? kept = null)
    {
        Seen++;
        if (Listed >= Cap)
        {
            return;
        }

        Listed++;
        var a = model.Explain(account, asOf);
        var pitch = pitches.Build(a, account, asOf);
        var lift = NextBandLift.Find(model, account, asOf);
        if (a.Confidence == Confidence.Low)
        {
            LowConfidence++;
        }

        string? gate = Output.Formatting.GateReason(a.Gates);
        if (gate is not null)
        {
            gateReasons.TryAdd(a.AccountId, gate);
        }

        if (a.Gates.Any(g => g.Status == GateStatus.NotEvaluated))
        {
            GatesNotEvaluated++;
        }

        // One positional row per account, every text an index into the string table (see Board.js's Row for the order):
        // a book repeats most texts (labels, reasons, gate details, the offer kinds' conversations), so the page
        // carries each once.
        var w = json;
        w.WriteStartArray();
        Str(a.AccountId);
        Str(a.Name);
        Str(a.Segment.ToString());
        Str(a.Plan);
        Num(a.Arr);
        Str(Money.Compact(a.Arr));
        Num(a.Probability);
        Str(Output.Formatting.Probability(a.Probability));
        Str(a.Band);
        Str(a.Offer.ToString());
        Str(a.OfferLabel);
        Str(a.Rationale);
        Num(a.Opportunity);
        Str(Money.Compact(a.Opportunity));
        Str(a.Window.ToString());
        Str(a.WindowReason);
        if (a.WindowOverride is { } o)
        {
            w.WriteStartArray();
            Str(o.Window.ToString());
            Str(o.Reason);
            w.WriteBooleanValue(o.IsActiveOn(asOf));
            w.WriteEndArray();
        }
        else
        {
            w.WriteNullValue();
        }

        Str(a.Confidence.ToString());
        Str(gate);
        w.WriteStartArray();
        foreach (var g in a.Gates)
        {
            Str(g.Gate.ToString());
            Str(g.Status.ToString());
            Str(g.Detail);
        }

        w.WriteEndArray();
        w.WriteStartArray();
        foreach (var sc in a.Signals)
        {
            Str(sc.Signal);
            if (sc.Value is { } v)
            {
                Num(v);
            }
            else
            {
                w.WriteNullValue();
            }

            Num(sc.Weight, 6);
            Num(sc.Contribution, 6);
            Str(sc.MissingReason);
        }

        w.WriteEndArray();
        Str(a.LoudestSignal);
        Str(lift?.Summary);
        w.WriteNumberValue(RecentTrigger(account, a) ? 1 : 0);
        Str(pitch.Kind.ToString());
        Str(pitch.Opening);
        w.WriteStartArray();
        foreach (var section in pitch.Sections)
        {
            Str(section.Heading);
            Str(section.Text);
        }

        w.WriteEndArray();
        w.WriteStartArray();
        for (int i = 0; i < KeptColumns.Count; i++)
        {
            Str(kept is not null && i < kept.Count ? kept[i] : null);
        }

        w.WriteEndArray();
        w.WriteEndArray();
    }

    /// <summary>Writes the rows (every text an index into <see cref="WriteStringsTo"/>'s table).</summary>
    public void WriteTo(TextWriter output)
    {
        json.WriteEndArray();
        json.Flush();
        output.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>Writes the string table as a JSON array, every &lt; escaped.</summary>
    public void WriteStringsTo(TextWriter output)
    {
        var table = new ArrayBufferWriter<byte>(Math.Max(1024, strings.Count * 24));
        using (var w = CreateWriter(table))
        {
            w.WriteStartArray();
            foreach (string text in stringList)
            {
                w.WriteStringValue(text);
            }

            w.WriteEndArray();
        }

        output.Write(Encoding.UTF8.GetString(table.WrittenSpan));
    }

    private void Str(string? text)
    {
        if (text is null)
        {
            json.WriteNullValue();
            return;
        }

        if (!strings.TryGetValue(text, out int index))
        {
            index = stringList.Count;
            strings.Add(text, index);
            stringList.Add(text);
        }

        json.WriteNumberValue(index);
    }

    private void Num(double value, int digits = 4) => json.WriteNumberValue(Math.Round(value, digits));

    /// <summary>
    /// The calculator's pulse: a dated trigger event in the last <see cref="RecentTriggerDays"/> days; for an account that
    /// supplies its signals directly (no dated events), a Hot account whose Triggers signal fired the Now window.
    /// </summary>
    private bool RecentTrigger(Account account, ScoredAccount a)
    {
        if (account.Telemetry?.TriggerEvents is { Count: > 0 } events)
        {
            return events.Any(e => e.Date <= asOf && e.Date > asOf.AddDays(-RecentTriggerDays));
        }

        return a.Window == PitchWindow.Now;
    }

    /// <summary>Creates a JSON writer with the page's escaping, for the board's other data.</summary>
    public static Utf8JsonWriter CreateWriter(IBufferWriter<byte> output) => new(output, new JsonWriterOptions { Encoder = Encoder });
}
