using System.Text;
using CsvHelper;
using ExpansionScoring.Cli.Commands;
using ExpansionScoring.Columnar;

namespace ExpansionScoring.Cli.Output;

/// <summary>
/// The default <c>score</c> CSV (<see cref="CsvResultWriter"/>'s columns, byte for byte) written from the batch path's
/// results: a <see cref="CompactScoreRun"/> scores each chunk of columns, and this sink explains only what it writes,
/// with <see cref="ScoringModel.ExplainScored"/> (the library's words, from the rule, gates and band the batch path
/// recorded), on the run's writing thread while the next chunk is read. Accounts the run scores row by row (a book the
/// span reader does not take, <c>--keep</c>) are explained by <see cref="ScoringModel.Explain"/> and written by the same
/// <see cref="CsvResultWriter"/>.
/// </summary>
internal sealed class ExplainedCsvWriter : IScoredSink, IDisposable
{
    private static readonly string[] Segments = Enum.GetNames<Segment>();
    private static readonly string[] Offers = Enum.GetNames<OfferKind>();
    private static readonly string[] Windows = Enum.GetNames<PitchWindow>();
    private static readonly string[] Confidences = Enum.GetNames<Confidence>();

    private readonly CsvResultWriter rows;
    private readonly CsvWriter csv;
    private readonly ScoringModel model;
    private readonly DateOnly asOf;
    private readonly ScoredTexts texts;
    private readonly string[] bands;
    private readonly string[] rules;
    private readonly string[] signalNames;
    private readonly StringBuilder missingList = new(64);
    private char[] scratch = new char[256];

    public ExplainedCsvWriter(CsvResultWriter rows, ScoringModel model, DateOnly asOf)
    {
        this.rows = rows;
        csv = rows.Csv;
        this.model = model;
        this.asOf = asOf;
        texts = new ScoredTexts(model.Signals.Count);
        bands = [.. model.Bands.Select(b => b.Name)];
        rules = [.. model.OfferRules];
        signalNames = [.. model.Signals.Select(s => s.Name)];
    }

    /// <summary>Gets whether rows carry <c>--keep</c> columns, which only the row route writes.</summary>
    public bool Keeps => rows.KeepCount > 0;

    public void Write(CompactScoreRun.Chunk chunk)
    {
        for (int i = 0; i < chunk.Count; i++)
        {
            var account = chunk.AccountAt(i);
            var o = chunk.Outcome[i];
            model.ExplainScored(account, asOf, chunk.Composite[i], chunk.Probability[i], o, texts);
            Write(account, chunk.Composite[i], chunk.Probability[i], chunk.Opportunity[i], o);
        }
    }

    public void Write(in AccountScore score, IReadOnlyList<string?>? kept) => rows.WriteAccount(model.Explain(score.Account, asOf), kept ?? []);

    public void Flush() => csv.Flush();

    public void Dispose() => rows.Dispose();

    /// <summary>Writes one account as <see cref="CsvResultWriter.WriteAccount(ScoredAccount, IReadOnlyList{string?}, Pitch.PitchScript?)"/> does, field by field, with the same overloads.</summary>
    private void Write(Account account, double composite, double probability, double opportunity, ScoreOutcome o)
    {
        var t = texts;
        csv.WriteField(CsvOutput.Text(account.Id));
        csv.WriteField(CsvOutput.Text(account.DisplayName));
        csv.WriteField(Segments[(int)account.Segment]);
        csv.WriteField(CsvOutput.Text(account.Plan));
        csv.WriteField(Formatting.Cents(account.Arr), default);
        csv.WriteField(CsvOutput.Text(t.Preset));
        csv.WriteField(Formatting.Score(composite), default);
        csv.WriteField(Formatting.Score(probability), default);
        csv.WriteField(CsvOutput.Text(bands[o.BandIndex]));
        csv.WriteField(Offers[(int)o.Offer]);
        csv.WriteField(CsvOutput.Text(o.OfferRuleIndex >= 0 ? rules[o.OfferRuleIndex] : null));
        Text(t.OfferLabel);
        Text(t.Rationale);
        csv.WriteField(Formatting.Cents(opportunity), default);
        csv.WriteField(t.SeatsToAdd >= 0 ? t.SeatsToAdd : (int?)null, default);
        string window = Windows[(int)o.Window];
        csv.WriteField(window);

        // No window overrides on this route: their five columns are empty, and the effective window is the computed one.
        csv.WriteField((string?)null);
        csv.WriteField((string?)null);
        csv.WriteField((string?)null);
        csv.WriteField((string?)null);
        csv.WriteField((string?)null);
        csv.WriteField(window);
        Text(t.WindowReason);
        csv.WriteField(Confidences[(int)o.Confidence]);
        csv.WriteField(o.IsGated ? "true" : "false");
        csv.WriteField(Formatting.GateNames[(int)o.GatesBlocked & 7]);
        csv.WriteField(Formatting.GateNames[(int)o.GatesNotEvaluated & 7]);
        csv.WriteField(CsvOutput.Text(t.LoudestSlot >= 0 ? signalNames[t.LoudestSlot] : null));
        MissingSignals();
        for (int j = 0; j < signalNames.Length; j++)
        {
            double value = t.Values[j];
            csv.WriteField(!double.IsNaN(value) ? Formatting.Score(value) : (double?)null, default);
            csv.WriteField((double?)Formatting.Score(t.Contributions[j]), default);
        }

        csv.EndRecord();
    }

    /// <summary>Writes text as <see cref="CsvOutput.Text"/> would hold it (a NUL becomes U+FFFD), without making a string of it.</summary>
    private void Text(StringBuilder text)
    {
        int n = text.Length;
        if (n > scratch.Length)
        {
            scratch = new char[Math.Max(n, scratch.Length * 2)];
        }

        var span = scratch.AsSpan(0, n);
        text.CopyTo(0, span, n);
        span.Replace('\0', '\uFFFD');
        csv.WriteField((ReadOnlySpan<char>)span);
    }

    private void MissingSignals()
    {
        var missing = texts.Missing;
        var list = missingList.Clear();
        for (int j = 0; j < missing.Length; j++)
        {
            if (missing[j])
            {
                if (list.Length > 0)
                {
                    list.Append(';');
                }

                list.Append(signalNames[j]);
            }
        }

        Text(list);
    }
}
