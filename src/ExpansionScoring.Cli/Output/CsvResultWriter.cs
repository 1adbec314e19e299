using CsvHelper;
using ExpansionScoring.Cli.Input;
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
}

/// <summary>
/// <c>--format csv</c>: the account fields flat, one row per account, with both the computed and the overridden
/// window, and each of the model's signals with its contribution.
/// </summary>
internal sealed class CsvResultWriter : IResultWriter
{
    private readonly CsvWriter csv;
    private readonly DateOnly asOf;
    private readonly IReadOnlyList<SignalKey> signals;

    private readonly int keepCount;

    public CsvResultWriter(TextWriter output, DateOnly asOf, IReadOnlyList<SignalKey> signals, IReadOnlyList<string>? keepNames = null)
        : this(CsvOutput.Create(output), asOf, signals, keepNames)
    {
    }

    /// <summary>Writes UTF-8 straight to a file's <paramref name="output"/>, with no UTF-16 step.</summary>
    public CsvResultWriter(Stream output, DateOnly asOf, IReadOnlyList<SignalKey> signals, IReadOnlyList<string>? keepNames = null)
        : this(CsvWriter.Create(output, CsvOutput.Options, leaveOpen: true), asOf, signals, keepNames)
    {
    }

    private CsvResultWriter(CsvWriter csv, DateOnly asOf, IReadOnlyList<SignalKey> signals, IReadOnlyList<string>? keepNames)
    {
        keepCount = keepNames?.Count ?? 0;
        this.csv = csv;
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
        ];
        csv.WriteHeader(header);
    }

    public bool ListsRejections => false;

    public void WriteAccount(ScoredAccount a) => WriteAccount(a, []);

    public void WriteAccount(ScoredAccount a, IReadOnlyList<string?> kept) => Write(csv, a, kept);

    /// <summary>
    /// Writes every account of <paramref name="accounts"/>, in order: this thread enumerates them (reading and parsing
    /// the input) while workers explain and format them, each record written as <see cref="WriteAccount(ScoredAccount, IReadOnlyList{string})"/> would.
    /// </summary>
    /// <param name="accounts">The accounts to score with the input values kept for each; enumerated once, on this thread.</param>
    /// <param name="explain">Scores and explains one account; called on several threads at once.</param>
    public void WriteAll(IEnumerable<(Account Account, string?[] Kept)> accounts, Func<Account, ScoredAccount> explain)
        => csv.ParallelWrite(accounts, (writer, item) => Write(writer, explain(item.Account), item.Kept), Math.Max(1, Environment.ProcessorCount - 1));

    private void Write(CsvWriter csv, ScoredAccount a, IReadOnlyList<string?> kept)
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
