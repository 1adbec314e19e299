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
/// compact JSON array into a buffer, so only the bytes the page will carry are held. Past the cap the accounts still
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

    public BoardData(ScoringModel model, DateOnly asOf, int cap = DefaultCap, PitchScriptBuilder? pitches = null)
    {
        this.model = model;
        this.asOf = asOf;
        this.pitches = pitches ?? PitchScriptBuilder.Default;
        Cap = cap;
        json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Encoder });
        json.WriteStartArray();
    }

    /// <summary>Gets the model's signal names, in its order.</summary>
    public IReadOnlyList<string> Signals => [.. model.Signals.Select(s => s.Name)];

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

    /// <summary>Adds one account (after any override was applied).</summary>
    public void Add(Account account)
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

        var w = json;
        w.WriteStartObject();
        w.WriteString("id", a.AccountId);
        w.WriteString("name", a.Name);
        w.WriteString("segment", a.Segment.ToString());
        Text(w, "plan", a.Plan);
        Number(w, "arr", a.Arr);
        w.WriteString("arrText", Money.Compact(a.Arr));
        Number(w, "p", a.Probability);
        w.WriteString("pText", Output.Formatting.Probability(a.Probability));
        w.WriteString("band", a.Band);
        w.WriteString("offer", a.Offer.ToString());
        w.WriteString("label", a.OfferLabel);
        w.WriteString("rationale", a.Rationale);
        Number(w, "opp", a.Opportunity);
        w.WriteString("oppText", Money.Compact(a.Opportunity));
        w.WriteString("window", a.Window.ToString());
        w.WriteString("effective", a.EffectiveWindow.ToString());
        w.WriteString("windowReason", a.WindowReason);
        if (a.WindowOverride is { } o)
        {
            w.WriteStartObject("override");
            w.WriteString("window", o.Window.ToString());
            w.WriteString("reason", o.Reason);
            w.WriteBoolean("active", o.IsActiveOn(asOf));
            w.WriteEndObject();
        }

        w.WriteString("confidence", a.Confidence.ToString());
        Text(w, "gate", gate);
        w.WriteStartArray("gates");
        foreach (var g in a.Gates)
        {
            w.WriteStartArray();
            w.WriteStringValue(g.Gate.ToString());
            w.WriteStringValue(g.Status.ToString());
            w.WriteStringValue(g.Detail);
            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteStartArray("signals");
        foreach (var s in a.Signals)
        {
            w.WriteStartArray();
            w.WriteStringValue(s.Signal);
            if (s.Value is { } v)
            {
                w.WriteNumberValue(Math.Round(v, 4));
            }
            else
            {
                w.WriteNullValue();
            }

            w.WriteNumberValue(Math.Round(s.Weight, 6));
            w.WriteNumberValue(Math.Round(s.EffectiveWeight, 6));
            w.WriteNumberValue(Math.Round(s.Contribution, 6));
            if (s.MissingReason is { } missing)
            {
                w.WriteStringValue(missing);
            }
            else
            {
                w.WriteNullValue();
            }

            w.WriteEndArray();
        }

        w.WriteEndArray();
        Text(w, "loudest", a.LoudestSignal);
        if (account.GetSeatSaturation() is { } saturation)
        {
            Number(w, "saturation", saturation);
        }

        Text(w, "lift", lift?.Summary);
        if (RecentTrigger(account, a))
        {
            w.WriteBoolean("pulse", true);
        }

        w.WriteStartObject("pitch");
        w.WriteString("kind", pitch.Kind.ToString());
        w.WriteString("opening", pitch.Opening);
        w.WriteStartArray("sections");
        foreach (var s in pitch.Sections)
        {
            w.WriteStartArray();
            w.WriteStringValue(s.Heading);
            w.WriteStringValue(s.Text);
            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Writes the accounts array (every <c>&lt;</c> escaped) to the page.</summary>
    public void WriteTo(TextWriter output)
    {
        json.WriteEndArray();
        json.Flush();
        output.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

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

    private static void Number(Utf8JsonWriter w, string name, double value) => w.WriteNumber(name, Math.Round(value, 4));

    private static void Text(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
