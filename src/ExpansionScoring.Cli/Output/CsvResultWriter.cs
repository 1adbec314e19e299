using CsvHelper;
using ExpansionScoring.Cli.Input;
using ExpansionScoring.Gates;
using ExpansionScoring.Pitch;
using ExpansionScoring.Signals;

namespace ExpansionScoring.Cli.Output;

/// <summary>Shared CsvHelper settings for everything the tool writes as CSV.</summary>
internal static class CsvOutput
{
    /// <summary>
    /// RFC 4180 quoting, LF line ends, and CSV-injection protection: a text value that starts with =, +, -, @, tab or
    /// carriage return gets a ' in front (and quotes), so a spreadsheet shows it as text instead of running it.
    /// Numbers are never changed, so a negative number stays a number.
    /// </summary>
    public static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        NewLine = "\n",
        Injection = CsvInjection.Escape,
        InjectionEscape = '\'',
    };

    /// <summary>The same settings without formula protection, for a writer that protects text itself (<see cref="RejectsCsvWriter"/>).</summary>
    public static readonly CsvWriterOptions Unprotected = Options with { Injection = CsvInjection.None };

    public static CsvWriter Create(TextWriter output) => CsvWriter.Create(output, Options, leaveOpen: true);

    /// <summary>Text as a CSV field holds it: a NUL (which ends strings in C and truncates a field in many tools) is never copied, it becomes U+FFFD.</summary>
    public static string? Text(string? value) => value is null || !value.Contains('\0', StringComparison.Ordinal) ? value : value.Replace('\0', '\uFFFD');

    /// <summary>Whether <paramref name="text"/> is a finite number as written in a book (sign, digits, '.', exponent; no spaces), which a spreadsheet cannot run as a formula.</summary>
    public static bool IsNumber(string text)
        => double.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign | System.Globalization.NumberStyles.AllowDecimalPoint | System.Globalization.NumberStyles.AllowExponent, System.Globalization.CultureInfo.InvariantCulture, out double x)
            && double.IsFinite(x);

    /// <summary>Whether text starts like a formula (=, +, -, @, tab, carriage return), as the writer's protection sees it.</summary>
    public static bool StartsLikeFormula(string text) => text.Length > 0 && Options.InjectionCharacters.Contains(text[0]);

    /// <summary>
    /// <c>--excel</c>: the options for a CSV that opens right in a spreadsheet with a double-click: the culture's list
    /// separator (<c>;</c> under de-DE) and decimal mark, and a UTF-8 byte order mark (written by <see cref="StartForExcel"/>).
    /// </summary>
    public static CsvWriterOptions ForExcel(System.Globalization.CultureInfo culture)
    {
        string list = culture.TextInfo.ListSeparator.Trim();
        char separator = list.Length == 1 && list[0] < 128 ? list[0] : ',';
        return Options with { Separator = separator, FormatProvider = culture };
    }

    /// <summary>Writes the UTF-8 byte order mark Excel needs to read the file as UTF-8.</summary>
    public static void StartForExcel(TextWriter output) => output.Write('\uFEFF');
}

/// <summary>
/// <c>--format csv</c>: the account fields flat, one row per account, with both the computed and the overridden
/// window, and each of the model's signals with its contribution.
/// </summary>
internal sealed class CsvResultWriter : IResultWriter
{
    private readonly CsvWriter csv;
    private readonly Stream? stream;
    private readonly TextWriter? text;
    private readonly DateOnly asOf;
    private readonly bool pitch;
    private readonly IReadOnlyList<SignalKey> signals;

    private readonly int keepCount;

    /// <summary>The character put in front of text that starts like a formula, when the options ask for it; see <see cref="Unprotected"/>.</summary>
    private readonly char? escape;

    /// <summary>Which ASCII characters start a formula.</summary>
    private readonly bool[] formulaStart = new bool[128];

    public CsvResultWriter(TextWriter output, DateOnly asOf, IReadOnlyList<SignalKey> signals, IReadOnlyList<string>? keepNames = null, CsvWriterOptions? options = null, bool pitch = false)
        : this(o => CsvWriter.Create(output, o, leaveOpen: true), options ?? CsvOutput.Options, asOf, signals, keepNames, pitch)
    {
        text = output;
    }

    /// <summary>Writes UTF-8 straight to <paramref name="output"/>, with no UTF-16 step.</summary>
    public CsvResultWriter(Stream output, DateOnly asOf, IReadOnlyList<SignalKey> signals, IReadOnlyList<string>? keepNames = null)
        : this(o => CsvWriter.Create(output, o, leaveOpen: true), CsvOutput.Options, asOf, signals, keepNames, pitch: false)
    {
        stream = output;
    }

    private CsvResultWriter(Func<CsvWriterOptions, CsvWriter> create, CsvWriterOptions options, DateOnly asOf, IReadOnlyList<SignalKey> signals, IReadOnlyList<string>? keepNames, bool pitch)
    {
        escape = options.Injection == CsvInjection.Escape ? options.InjectionEscape : null;
        foreach (char c in options.InjectionCharacters)
        {
            if (c < 128)
            {
                formulaStart[c] = true;
            }
        }

        this.pitch = pitch;
        Options = options;
        keepCount = keepNames?.Count ?? 0;
        csv = create(Unprotected(options));
        this.asOf = asOf;
        this.signals = signals;
        string[] header =
        [
            "account_id", "name", "segment", "plan", "arr", "preset", "composite", "probability", "band",
            "offer", "offer_rule", "offer_label", "rationale", "opportunity", "seats_to_add",
            "window", "window_override", "override_reason", "override_author", "override_expires", "override_active",
            "effective_window", "window_reason", "confidence", "gated", "gates_blocked", "gates_not_evaluated",
            "loudest_signal", "missing_signals",
            .. signals.SelectMany(s => new[] { InputSchema.ToSnake(s.Name), InputSchema.ToSnake(s.Name) + "_contribution" }),
            .. keepNames ?? [],
            .. pitch ? new[] { "pitch_kind", "pitch" } : [],
        ];
        foreach (string name in header)
        {
            Text(csv, name);
        }

        csv.EndRecord();
        FieldCount = header.Length;
    }

    public bool ListsRejections => false;

    /// <summary>Gets the options the rows are written with (formula protection included), for <see cref="ExplainedCsvWriter"/>, which writes the same columns from the batch path's results.</summary>
    internal CsvWriterOptions Options { get; }

    /// <summary>Writes whole records that are CSV already (UTF-8, from a <see cref="CsvUtf8Buffer"/> with <see cref="Options"/>) after the rows written so far.</summary>
    internal void WriteRecords(ReadOnlySpan<byte> utf8)
    {
        csv.Flush();
        if (stream is not null)
        {
            stream.Write(utf8);
            return;
        }

        char[] chars = System.Buffers.ArrayPool<char>.Shared.Rent(System.Text.Encoding.UTF8.GetMaxCharCount(utf8.Length));
        int n = System.Text.Encoding.UTF8.GetChars(utf8, chars);
        text!.Write(chars, 0, n);
        System.Buffers.ArrayPool<char>.Shared.Return(chars);
    }

    /// <summary>Gets how many fields each row has.</summary>
    internal int FieldCount { get; private set; }

    /// <summary>Gets how many <c>--keep</c> columns each row ends with.</summary>
    internal int KeepCount => keepCount;

    public void WriteAccount(ScoredAccount a) => WriteAccount(a, []);

    public void WriteAccount(ScoredAccount a, IReadOnlyList<string?> kept) => WriteAccount(a, kept, null);

    public void WriteAccount(ScoredAccount a, IReadOnlyList<string?> kept, PitchScript? script)
    {
        Text(csv, CsvOutput.Text(a.AccountId));
        Text(csv, CsvOutput.Text(a.Name));
        Text(csv, a.Segment.ToString());
        Text(csv, CsvOutput.Text(a.Plan));
        csv.WriteField(Formatting.Cents(a.Arr), default);
        Text(csv, CsvOutput.Text(a.Preset));
        csv.WriteField(Formatting.Score(a.Composite), default);
        csv.WriteField(Formatting.Score(a.Probability), default);
        Text(csv, CsvOutput.Text(a.Band));
        Text(csv, a.Offer.ToString());
        Text(csv, CsvOutput.Text(a.OfferRule));
        Text(csv, CsvOutput.Text(a.OfferLabel));
        Text(csv, CsvOutput.Text(a.Rationale));
        csv.WriteField(Formatting.Cents(a.Opportunity), default);
        csv.WriteField(a.SeatsToAdd, default);
        Text(csv, a.Window.ToString());
        var o = a.WindowOverride;
        Text(csv, o?.Window.ToString());
        Text(csv, CsvOutput.Text(o?.Reason));
        Text(csv, CsvOutput.Text(o?.Author));
        Text(csv, o?.ExpiresOn is { } e ? Formatting.Date(e) : null);
        Text(csv, o is null ? null : a.IsOverrideActive(asOf) ? "true" : "false");
        Text(csv, a.EffectiveWindow.ToString());
        Text(csv, CsvOutput.Text(a.WindowReason));
        Text(csv, a.Confidence.ToString());
        Text(csv, a.IsGated ? "true" : "false");
        Text(csv, Formatting.Flags(a.Gates, GateStatus.Blocked));
        Text(csv, Formatting.Flags(a.Gates, GateStatus.NotEvaluated));
        Text(csv, CsvOutput.Text(a.LoudestSignal));
        Text(csv, string.Join(";", a.MissingSignals));
        foreach (var key in signals)
        {
            var s = a.Signals.FirstOrDefault(c => string.Equals(c.Signal, key.Name, StringComparison.OrdinalIgnoreCase));
            csv.WriteField(s?.Value is { } value ? Formatting.Score(value) : (double?)null, default);
            csv.WriteField(s?.Contribution is { } contribution ? Formatting.Score(contribution) : (double?)null, default);
        }

        for (int k = 0; k < keepCount; k++)
        {
            Text(csv, CsvOutput.Text(k < kept.Count ? kept[k] : null));
        }

        if (pitch)
        {
            Text(csv, script?.Kind.ToString());
            Text(csv, script?.Text);
        }

        csv.EndRecord();
    }

    /// <summary>
    /// Writes a text field with the formula protection the options ask for, as CsvHelper's <see cref="CsvInjection.Escape"/>
    /// writes it (a ' in front, and quotes), applied here so that the CSV writer has no custom handling left and every
    /// field takes its fast path (as <see cref="CompactCsvWriter"/> does). Numbers are never protected.
    /// </summary>
    internal void Text(CsvWriter writer, string? text)
    {
        if (text is { Length: > 0 } && StartsLikeFormula(text[0]))
        {
            Protected(writer, text);
        }
        else
        {
            writer.WriteField(text);
        }
    }

    /// <inheritdoc cref="Text(CsvWriter, string?)"/>
    internal void Text(CsvWriter writer, ReadOnlySpan<char> text)
    {
        if (text.Length > 0 && StartsLikeFormula(text[0]))
        {
            Protected(writer, new string(text));
        }
        else
        {
            writer.WriteField(text);
        }
    }

    /// <inheritdoc cref="Text(CsvWriter, string?)"/>
    internal void Text(CsvWriter writer, ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > 0 && StartsLikeFormula((char)utf8[0]))
        {
            Protected(writer, System.Text.Encoding.UTF8.GetString(utf8));
        }
        else
        {
            writer.WriteField(utf8);
        }
    }

    public void Complete(RunSummary summary, IReadOnlyList<Rejection> rejections) => csv.Flush();

    /// <summary>Writes out what the CSV writer holds.</summary>
    internal void Flush() => csv.Flush();

    public void Dispose() => csv.Dispose();

    /// <summary>The options without CsvHelper's formula protection when it is <see cref="CsvInjection.Escape"/>: <see cref="Text(CsvWriter, string?)"/> applies it.</summary>
    private static CsvWriterOptions Unprotected(CsvWriterOptions options)
        => options.Injection == CsvInjection.Escape ? options with { Injection = CsvInjection.None } : options;

    private bool StartsLikeFormula(char first) => escape is not null && first < 128 && formulaStart[first];

    private void Protected(CsvWriter writer, string text) => writer.WriteField(string.Concat(escape.ToString(), text), CsvQuoting.Always);
}

/// <summary><c>--rejects FILE</c>: every rejected row as CSV (line, account_id, field, value, reason), one line per bad field, each value as read.</summary>
internal sealed class RejectsCsvWriter : IDisposable
{
    private readonly CsvWriter csv;

    public RejectsCsvWriter(TextWriter output)
    {
        csv = CsvWriter.Create(output, CsvOutput.Unprotected, leaveOpen: true);
        csv.WriteHeader(["line", "account_id", "field", "value", "reason"]);
    }

    public void Write(Rejection rejection)
    {
        foreach (var r in rejection.Fields)
        {
            csv.WriteField(r.Line, default);
            Text(r.AccountId);
            Text(r.Field);
            Text(r.Value);
            Text(r.Reason);
            csv.EndRecord();
        }
    }

    // Values are written as read: a number (such as -5) is never changed; other text that starts like a formula gets
    // the same ' in front, quoted, that every other CSV output gives it.
    private void Text(string? value)
    {
        value = CsvOutput.Text(value);
        if (value is not null && CsvOutput.StartsLikeFormula(value) && !CsvOutput.IsNumber(value))
        {
            csv.WriteField(string.Concat(CsvOutput.Options.InjectionEscape.ToString(), value), CsvQuoting.Always);
        }
        else
        {
            csv.WriteField(value);
        }
    }

    public void Dispose() => csv.Dispose();
}
