using ExpansionScoring.Offers;
using ExpansionScoring.Windows;
using System.Text;
using CsvHelper;
using ExpansionScoring.Cli.Commands;
using ExpansionScoring.Gates;

namespace ExpansionScoring.Cli.Output;

/// <summary>
/// The <c>--compact</c> CSV: one row of numbers and names per account, no explanation text (offer label, rationale,
/// window reason, per-signal contributions), so a book of millions is written at the speed it is read.
/// </summary>
internal sealed class CompactCsvWriter : IScoredSink, IDisposable
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

    private readonly int keepCount;

    /// <summary>The character put in front of text that starts like a formula, when this writer protects text itself; see <see cref="Unprotected"/>.</summary>
    private readonly char? escape;

    /// <summary>Which ASCII characters start a formula.</summary>
    private readonly bool[] formulaStart = new bool[128];

    public CompactCsvWriter(TextWriter output, ScoringModel model, IReadOnlyList<string>? keepNames = null, CsvWriterOptions? options = null)
        : this(o => CsvWriter.Create(output, o, leaveOpen: true), options ?? CsvOutput.Options, model, keepNames)
    {
    }

    /// <summary>Writes UTF-8 straight to <paramref name="output"/>, with no UTF-16 step.</summary>
    public CompactCsvWriter(Stream output, ScoringModel model, IReadOnlyList<string>? keepNames = null)
        : this(o => CsvWriter.Create(output, o, leaveOpen: true), CsvOutput.Options, model, keepNames)
    {
    }

    private CompactCsvWriter(Func<CsvWriterOptions, CsvWriter> create, CsvWriterOptions options, ScoringModel model, IReadOnlyList<string>? keepNames)
    {
        escape = options.Injection == CsvInjection.Escape ? options.InjectionEscape : null;
        foreach (char c in options.InjectionCharacters)
        {
            formulaStart[c] = true;
        }

        csv = create(Unprotected(options));
        bands = Utf8([.. model.Bands.Select(b => b.Name)]);
        ruleNames = [.. model.OfferRules];
        rules = Utf8(ruleNames);
        keepCount = keepNames?.Count ?? 0;
        foreach (string name in (string[])[.. Header, .. keepNames ?? []])
        {
            Text(name);
        }

        csv.EndRecord();
    }

    /// <summary>Gets a value indicating whether rows carry <c>--keep</c> columns (written by <see cref="Write(ReadOnlySpan{char}, Segment, double, double, double, int, OfferKind, int, double, PitchWindow, Confidence, GateFlags, GateFlags, int, IReadOnlyList{string?})"/> only).</summary>
    public bool Keeps => keepCount > 0;

    /// <summary>Writes one account.</summary>
    public void Write(ReadOnlySpan<char> id, Segment segment, double arr, double composite, double probability, int band, OfferKind offer, int rule, double opportunity, PitchWindow window, Confidence confidence, GateFlags blocked, GateFlags notEvaluated, int missing, IReadOnlyList<string?>? kept = null)
    {
        if (id.Contains('\0'))
        {
            Text(CsvOutput.Text(new string(id)));
        }
        else
        {
            Text(id);
        }

        WriteRest(segment, arr, composite, probability, band, offer, rule, opportunity, window, confidence, blocked, notEvaluated, missing, kept);
    }

    /// <summary>Writes one account whose id is UTF-8 bytes.</summary>
    public void Write(ReadOnlySpan<byte> id, Segment segment, double arr, double composite, double probability, int band, OfferKind offer, int rule, double opportunity, PitchWindow window, Confidence confidence, GateFlags blocked, GateFlags notEvaluated, int missing)
    {
        if (id.Contains((byte)0))
        {
            Text(CsvOutput.Text(Encoding.UTF8.GetString(id)));
        }
        else
        {
            Text(id);
        }

        WriteRest(segment, arr, composite, probability, band, offer, rule, opportunity, window, confidence, blocked, notEvaluated, missing);
    }

    /// <summary>Writes every account of a scored chunk.</summary>
    public void Write(CompactScoreRun.Chunk chunk)
    {
        var columns = chunk.Accounts.Columns;
        for (int i = 0; i < chunk.Count; i++)
        {
            var o = chunk.Outcome[i];
            Write(chunk.Id(i), columns.Segment[i], columns.Arr[i], chunk.Composite[i], chunk.Probability[i], o.BandIndex, o.Offer, o.OfferRuleIndex, chunk.Opportunity[i], o.Window, o.Confidence, o.GatesBlocked, o.GatesNotEvaluated, o.MissingSignalCount);
        }
    }

    /// <summary>Writes one account the general engine scored, with the input values kept for it.</summary>
    public void Write(in AccountScore s, IReadOnlyList<string?>? kept)
    {
        var account = s.Account;
        Write(account.Id, account.Segment, account.Arr, s.Composite, s.Probability, s.BandIndex, s.Offer, RuleIndex(s.OfferRule), s.Opportunity, s.Window, s.Confidence, s.GatesBlocked, s.GatesNotEvaluated, s.MissingSignalCount, kept);
    }

    /// <summary>Gets the index of an offer rule by name, −1 for none.</summary>
    public int RuleIndex(string? name) => name is null ? -1 : Array.IndexOf(ruleNames, name);

    public void Flush() => csv.Flush();

    public void Dispose() => csv.Dispose();

    /// <summary>
    /// The writer's options without CsvHelper's formula protection when it is <see cref="CsvInjection.Escape"/>: this
    /// writer applies it to its text itself, writing exactly what CsvHelper writes (a ' in front, and quotes), so that
    /// with no custom handling left every field takes CsvHelper's fast path. Numbers are never protected either way.
    /// </summary>
    private static CsvWriterOptions Unprotected(CsvWriterOptions options)
        => options.Injection == CsvInjection.Escape ? options with { Injection = CsvInjection.None } : options;

    private void Text(byte[] utf8) => Text(new ReadOnlySpan<byte>(utf8));

    private void Text(ReadOnlySpan<byte> utf8)
    {
        if (escape is not null && utf8.Length > 0 && utf8[0] < 128 && formulaStart[utf8[0]])
        {
            Protected(Encoding.UTF8.GetString(utf8));
        }
        else
        {
            csv.WriteField(utf8);
        }
    }

    private void Text(ReadOnlySpan<char> text)
    {
        if (escape is not null && text.Length > 0 && text[0] < 128 && formulaStart[text[0]])
        {
            Protected(new string(text));
        }
        else
        {
            csv.WriteField(text);
        }
    }

    private void Text(string? text)
    {
        if (escape is not null && text is { Length: > 0 } && text[0] < 128 && formulaStart[text[0]])
        {
            Protected(text);
        }
        else
        {
            csv.WriteField(text);
        }
    }

    /// <summary>Text that starts like a formula, as CsvHelper's <see cref="CsvInjection.Escape"/> writes it.</summary>
    private void Protected(string text) => csv.WriteField(string.Concat(escape.ToString(), text), CsvQuoting.Always);

    private static byte[][] Utf8(string[] names) => [.. names.Select(Encoding.UTF8.GetBytes)];

    private void WriteRest(Segment segment, double arr, double composite, double probability, int band, OfferKind offer, int rule, double opportunity, PitchWindow window, Confidence confidence, GateFlags blocked, GateFlags notEvaluated, int missing, IReadOnlyList<string?>? kept = null)
    {
        Text(Segments[(int)segment]);
        csv.WriteField(Formatting.Cents(arr), default);
        csv.WriteField(Formatting.Score(composite), default);
        csv.WriteField(Formatting.Score(probability), default);
        Text(bands[band]);
        Text(Offers[(int)offer]);
        Text(rule >= 0 ? rules[rule] : []);
        csv.WriteField(Formatting.Cents(opportunity), default);
        Text(Windows[(int)window]);
        Text(Confidences[(int)confidence]);
        Text(blocked != GateFlags.None ? True : False);
        Text(Flags[(int)blocked & 7]);
        Text(Flags[(int)notEvaluated & 7]);
        csv.WriteField(missing, default);
        for (int k = 0; k < keepCount; k++)
        {
            Text(CsvOutput.Text(kept is not null && k < kept.Count ? kept[k] : null));
        }

        csv.EndRecord();
    }
}
