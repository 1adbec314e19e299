using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ExpansionScoring.Cli.Input;

namespace ExpansionScoring.Cli.Output;

/// <summary>
/// Writes JSON to a <see cref="TextWriter"/> through a <see cref="Utf8JsonWriter"/> that is drained after every
/// account, so memory stays flat however many accounts are written.
/// </summary>
internal sealed class JsonTextSink : IDisposable
{
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    private readonly ArrayBufferWriter<byte> buffer = new(16 * 1024);
    private readonly TextWriter output;
    private char[] chars = new char[16 * 1024];

    public JsonTextSink(TextWriter output, bool indented)
    {
        this.output = output;
        Json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = Encoder, SkipValidation = false });
    }

    public Utf8JsonWriter Json { get; }

    /// <summary>Moves what has been written so far to the text writer.</summary>
    public void Drain()
    {
        Json.Flush();
        var bytes = buffer.WrittenSpan;
        if (bytes.IsEmpty)
        {
            return;
        }

        int needed = Encoding.UTF8.GetMaxCharCount(bytes.Length);
        if (chars.Length < needed)
        {
            chars = new char[needed];
        }

        int n = Encoding.UTF8.GetChars(bytes, chars);
        output.Write(chars, 0, n);
        buffer.ResetWrittenCount();
    }

    public void Dispose() => Json.Dispose();
}

/// <summary>The JSON shape of one scored account and one rejected row, shared by the json and jsonl formats.</summary>
internal static class JsonShapes
{
    public static void WriteAccount(Utf8JsonWriter w, ScoredAccount a, DateOnly asOf)
    {
        w.WriteStartObject();
        w.WriteString("accountId", a.AccountId);
        w.WriteString("name", a.Name);
        w.WriteString("segment", a.Segment.ToString());
        WriteStringOrNull(w, "plan", a.Plan);
        w.WriteNumber("arr", a.Arr);
        w.WriteString("preset", a.Preset);
        w.WriteNumber("composite", a.Composite);
        w.WriteNumber("probability", a.Probability);
        w.WriteString("band", a.Band);
        w.WriteString("offer", a.Offer.ToString());
        WriteStringOrNull(w, "offerRule", a.OfferRule);
        w.WriteString("offerLabel", a.OfferLabel);
        w.WriteString("rationale", a.Rationale);
        w.WriteNumber("opportunity", a.Opportunity);
        if (a.SeatsToAdd is { } seats)
        {
            w.WriteNumber("seatsToAdd", seats);
        }
        else
        {
            w.WriteNull("seatsToAdd");
        }

        w.WriteString("window", a.Window.ToString());
        if (a.WindowOverride is { } o)
        {
            w.WriteStartObject("windowOverride");
            w.WriteString("window", o.Window.ToString());
            w.WriteString("reason", o.Reason);
            WriteStringOrNull(w, "author", o.Author);
            WriteStringOrNull(w, "expires", o.ExpiresOn is { } e ? Formatting.Date(e) : null);
            w.WriteBoolean("active", o.IsActiveOn(asOf));
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("windowOverride");
        }

        w.WriteString("effectiveWindow", a.EffectiveWindow.ToString());
        w.WriteString("windowReason", a.WindowReason);
        w.WriteString("confidence", a.Confidence.ToString());
        w.WriteBoolean("gated", a.IsGated);
        w.WriteStartArray("gates");
        foreach (var g in a.Gates)
        {
            w.WriteStartObject();
            w.WriteString("gate", g.Gate.ToString());
            w.WriteString("status", g.Status.ToString());
            w.WriteString("detail", g.Detail);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteStringOrNull(w, "loudestSignal", a.LoudestSignal);
        w.WriteStartArray("missingSignals");
        foreach (string s in a.MissingSignals)
        {
            w.WriteStringValue(s);
        }

        w.WriteEndArray();
        w.WriteStartObject("signals");
        foreach (var s in a.Signals)
        {
            w.WriteStartObject(s.Signal);
            if (s.Value is { } value)
            {
                w.WriteNumber("value", value);
            }
            else
            {
                w.WriteNull("value");
            }

            w.WriteString("source", s.Source.ToString());
            w.WriteNumber("weight", s.Weight);
            w.WriteNumber("effectiveWeight", s.EffectiveWeight);
            w.WriteNumber("contribution", s.Contribution);
            if (s.MissingReason is { } reason)
            {
                w.WriteString("missingReason", reason);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    public static void WriteRejection(Utf8JsonWriter w, Rejection r)
    {
        w.WriteStartObject();
        w.WriteNumber("line", r.Line);
        WriteStringOrNull(w, "accountId", r.AccountId);
        w.WriteString("field", r.Field);
        WriteStringOrNull(w, "value", r.Value);
        w.WriteString("reason", r.Reason);
        if (r.Others.Count > 0)
        {
            // Every bad field of the row, the first one included, so a reader need look in one place only.
            w.WriteStartArray("fields");
            foreach (var f in r.Fields)
            {
                w.WriteStartObject();
                w.WriteString("field", f.Field);
                WriteStringOrNull(w, "value", f.Value);
                w.WriteString("reason", f.Reason);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WriteStringOrNull(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}

/// <summary>
/// <c>--format json</c>: one document <c>{"accounts": [...], "rejected": [...], "summary": {...}}</c>. Accounts stream
/// out as they are scored; rejected rows are held until the end.
/// </summary>
internal sealed class JsonDocumentWriter : IResultWriter
{
    private readonly JsonTextSink sink;
    private readonly DateOnly asOf;

    public JsonDocumentWriter(TextWriter output, DateOnly asOf)
    {
        sink = new JsonTextSink(output, indented: true);
        this.asOf = asOf;
        sink.Json.WriteStartObject();
        sink.Json.WriteStartArray("accounts");
    }

    public bool ListsRejections => true;

    public void WriteAccount(ScoredAccount account)
    {
        JsonShapes.WriteAccount(sink.Json, account, asOf);
        sink.Drain();
    }

    public void Complete(RunSummary summary, IReadOnlyList<Rejection> rejections)
    {
        var w = sink.Json;
        w.WriteEndArray();
        w.WriteStartArray("rejected");
        foreach (var r in rejections)
        {
            JsonShapes.WriteRejection(w, r);
        }

        w.WriteEndArray();
        w.WriteStartObject("summary");
        w.WriteNumber("rows", summary.Rows);
        w.WriteNumber("scored", summary.Scored);
        w.WriteNumber("rejected", summary.Rejected);
        w.WriteNumber("skipped", summary.Skipped);
        w.WriteString("asOf", Formatting.Date(summary.AsOf));
        w.WriteString("preset", summary.Preset);
        w.WriteEndObject();
        w.WriteEndObject();
        sink.Drain();
        sink.Json.Reset();
    }

    public void Dispose() => sink.Dispose();
}

/// <summary><c>--format jsonl</c>: one account object per line, for very large books.</summary>
internal sealed class JsonLinesWriter : IResultWriter
{
    private readonly JsonTextSink sink;
    private readonly TextWriter output;
    private readonly DateOnly asOf;

    public JsonLinesWriter(TextWriter output, DateOnly asOf)
    {
        sink = new JsonTextSink(output, indented: false);
        this.output = output;
        this.asOf = asOf;
    }

    public bool ListsRejections => false;

    public void WriteAccount(ScoredAccount account)
    {
        JsonShapes.WriteAccount(sink.Json, account, asOf);
        sink.Drain();
        sink.Json.Reset();
        output.Write('\n');
    }

    public void Complete(RunSummary summary, IReadOnlyList<Rejection> rejections)
    {
    }

    public void Dispose() => sink.Dispose();
}
