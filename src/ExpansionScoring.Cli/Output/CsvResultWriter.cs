using CsvHelper;
using ExpansionScoring.Cli.Input;
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

    public static CsvWriter Create(TextWriter output) => CsvWriter.Create(output, Options, leaveOpen: true);

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
    private readonly DateOnly asOf;
    private readonly bool pitch;
    private readonly IReadOnlyList<SignalKey> signals;

    private readonly int keepCount;

    public CsvResultWriter(TextWriter output, DateOnly asOf, IReadOnlyList<SignalKey> signals, IReadOnlyList<string>? keepNames = null, CsvWriterOptions? options = null, bool pitch = false)
    {
        this.pitch = pitch;
        keepCount = keepNames?.Count ?? 0;
        csv = CsvWriter.Create(output, options ?? CsvOutput.Options, leaveOpen: true);
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
        csv.WriteHeader(header);
    }

    public bool ListsRejections => false;

    public void WriteAccount(ScoredAccount a) => WriteAccount(a, []);

    public void WriteAccount(ScoredAccount a, IReadOnlyList<string?> kept) => WriteAccount(a, kept, null);

    public void WriteAccount(ScoredAccount a, IReadOnlyList<string?> kept, PitchScript? script)
    {
        csv.WriteField(a.AccountId);
        csv.WriteField(a.Name);
        csv.WriteField(a.Segment.ToString());
        csv.WriteField(a.Plan);
        csv.WriteField(Formatting.Cents(a.Arr), default);
        csv.WriteField(a.Preset);
        csv.WriteField(Formatting.Score(a.Composite), default);
        csv.WriteField(Formatting.Score(a.Probability), default);
        csv.WriteField(a.Band);
        csv.WriteField(a.Offer.ToString());
        csv.WriteField(a.OfferRule);
        csv.WriteField(a.OfferLabel);
        csv.WriteField(a.Rationale);
        csv.WriteField(Formatting.Cents(a.Opportunity), default);
        csv.WriteField(a.SeatsToAdd, default);
        csv.WriteField(a.Window.ToString());
        var o = a.WindowOverride;
        csv.WriteField(o?.Window.ToString());
        csv.WriteField(o?.Reason);
        csv.WriteField(o?.Author);
        csv.WriteField(o?.ExpiresOn is { } e ? Formatting.Date(e) : null);
        csv.WriteField(o is null ? null : a.IsOverrideActive(asOf) ? "true" : "false");
        csv.WriteField(a.EffectiveWindow.ToString());
        csv.WriteField(a.WindowReason);
        csv.WriteField(a.Confidence.ToString());
        csv.WriteField(a.IsGated ? "true" : "false");
        csv.WriteField(Formatting.Flags(a.Gates, GateStatus.Blocked));
        csv.WriteField(Formatting.Flags(a.Gates, GateStatus.NotEvaluated));
        csv.WriteField(a.LoudestSignal);
        csv.WriteField(string.Join(";", a.MissingSignals));
        foreach (var key in signals)
        {
            var s = a.Signals.FirstOrDefault(c => string.Equals(c.Signal, key.Name, StringComparison.OrdinalIgnoreCase));
            csv.WriteField(s?.Value is { } value ? Formatting.Score(value) : (double?)null, default);
            csv.WriteField(s?.Contribution is { } contribution ? Formatting.Score(contribution) : (double?)null, default);
        }

        for (int k = 0; k < keepCount; k++)
        {
            csv.WriteField(k < kept.Count ? kept[k] : null);
        }

        if (pitch)
        {
            csv.WriteField(script?.Kind.ToString());
            csv.WriteField(script?.Text);
        }

        csv.EndRecord();
    }

    public void Complete(RunSummary summary, IReadOnlyList<Rejection> rejections) => csv.Flush();

    public void Dispose() => csv.Dispose();
}

/// <summary><c>--rejects FILE</c>: every rejected row as CSV (line, account_id, field, value, reason), one line per bad field.</summary>
internal sealed class RejectsCsvWriter : IDisposable
{
    private readonly CsvWriter csv;

    public RejectsCsvWriter(TextWriter output)
    {
        csv = CsvOutput.Create(output);
        csv.WriteHeader(["line", "account_id", "field", "value", "reason"]);
    }

    public void Write(Rejection rejection)
    {
        foreach (var r in rejection.Fields)
        {
            csv.WriteField(r.Line, default);
            csv.WriteField(r.AccountId);
            csv.WriteField(r.Field);
            csv.WriteField(r.Value);
            csv.WriteField(r.Reason);
            csv.EndRecord();
        }
    }

    public void Dispose() => csv.Dispose();
}
