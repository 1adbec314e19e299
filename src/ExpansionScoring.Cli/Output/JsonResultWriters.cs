using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ExpansionScoring.Cli.Input;
using ExpansionScoring.Serialization;

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

/// <summary>The JSON shape of one scored account (the library's contract) and one rejected row, shared by the json and jsonl formats.</summary>
internal static class JsonShapes
{
    /// <summary>
    /// Writes one account in the library's one JSON contract, camelCased, as the service and the serializer do, with
    /// scores to two decimals and money to cents (<see cref="Formatting.Score"/>, <see cref="Formatting.Cents"/>), and the
    /// <c>--keep</c> columns as an <c>input</c> object at the end of the account's object.
    /// </summary>
    public static void WriteAccount(Utf8JsonWriter w, ScoredAccount a, IReadOnlyList<string>? keepNames = null, IReadOnlyList<string?>? kept = null)
    {
        var shown = a with
        {
            Arr = Formatting.Cents(a.Arr),
            Composite = Formatting.Score(a.Composite),
            RawScore = Formatting.Score(a.RawScore),
            Probability = Formatting.Score(a.Probability),
            Opportunity = Formatting.Cents(a.Opportunity),
            Signals = [.. a.Signals.Select(s => s with { Value = s.Value is { } v ? Formatting.Score(v) : null, Contribution = Formatting.Score(s.Contribution) })],
        };
        if (keepNames is not { Count: > 0 })
        {
            ExpansionScoringJson.WriteScoredAccount(w, shown, Reports.PortfolioJson.Options);
            return;
        }

        // The contract's object, then one more property before its closing brace.
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var inner = new Utf8JsonWriter(buffer))
        {
            ExpansionScoringJson.WriteScoredAccount(inner, shown, Reports.PortfolioJson.Options);
        }

        var input = new ArrayBufferWriter<byte>(256);
        using (var inner = new Utf8JsonWriter(input))
        {
            inner.WriteStartObject();
            for (int k = 0; k < keepNames.Count; k++)
            {
                WriteStringOrNull(inner, keepNames[k], kept is not null && k < kept.Count ? kept[k] : null);
            }

            inner.WriteEndObject();
        }

        var account = buffer.WrittenSpan;
        byte[] joined = [.. account[..^1], .. ",\"input\":"u8, .. input.WrittenSpan, (byte)'}'];
        w.WriteRawValue(joined, skipInputValidation: true);
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

    public JsonDocumentWriter(TextWriter output)
    {
        sink = new JsonTextSink(output, indented: true);
        sink.Json.WriteStartObject();
        sink.Json.WriteStartArray("accounts");
    }

    public bool ListsRejections => true;

    /// <summary>Gets or sets the names of the <c>--keep</c> columns.</summary>
    public IReadOnlyList<string> KeepNames { get; init; } = [];

    public void WriteAccount(ScoredAccount account) => WriteAccount(account, []);

    public void WriteAccount(ScoredAccount account, IReadOnlyList<string?> kept)
    {
        JsonShapes.WriteAccount(sink.Json, account, KeepNames, kept);
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

    public JsonLinesWriter(TextWriter output)
    {
        sink = new JsonTextSink(output, indented: false);
        this.output = output;
    }

    public bool ListsRejections => false;

    /// <summary>Gets or sets the names of the <c>--keep</c> columns.</summary>
    public IReadOnlyList<string> KeepNames { get; init; } = [];

    public void WriteAccount(ScoredAccount account) => WriteAccount(account, []);

    public void WriteAccount(ScoredAccount account, IReadOnlyList<string?> kept)
    {
        JsonShapes.WriteAccount(sink.Json, account, KeepNames, kept);
        sink.Drain();
        sink.Json.Reset();
        output.Write('\n');
    }

    public void Complete(RunSummary summary, IReadOnlyList<Rejection> rejections)
    {
    }

    public void Dispose() => sink.Dispose();
}
