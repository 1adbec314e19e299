using System.Globalization;
using System.Text;
using CsvHelper;
using ExpansionScoring.Cli.Commands;
using ExpansionScoring.Columnar;
using ExpansionScoring.Offers;
using ExpansionScoring.Windows;

namespace ExpansionScoring.Cli.Output;

/// <summary>
/// The default <c>score</c> CSV (<see cref="CsvResultWriter"/>'s columns, byte for byte) written from the batch path's
/// results: a <see cref="CompactScoreRun"/> scores each chunk of columns, and this sink explains only what it writes,
/// with <see cref="ScoringModel.ExplainScored"/> (the library's words, from the rule, gates and band the batch path
/// recorded), on the run's writing side while the next chunk is read. Accounts the run scores row by row (a book the
/// span reader does not take, <c>--keep</c>) are explained by <see cref="ScoringModel.Explain"/> and written by the same
/// <see cref="CsvResultWriter"/>.
/// </summary>
internal sealed class ExplainedCsvWriter : IScoredSink, IDisposable
{
    // Names are written as UTF-8 bytes, encoded once (as the text the row route writes: CsvOutput.Text for the
    // model's names); the CSV writer quotes and protects UTF-8 text exactly as it does strings.
    private static readonly byte[][] Segments = Utf8(Enum.GetNames<Segment>());
    private static readonly byte[][] Offers = Utf8(Enum.GetNames<OfferKind>());
    private static readonly byte[][] Windows = Utf8(Enum.GetNames<PitchWindow>());
    private static readonly byte[][] Confidences = Utf8(Enum.GetNames<Confidence>());
    private static readonly byte[][] Gates = Utf8(Formatting.GateNames);
    private static readonly byte[] True = "true"u8.ToArray();
    private static readonly byte[] False = "false"u8.ToArray();

    /// <summary>An empty field, as the CSV writer writes a missing value.</summary>
    private static readonly byte[] Empty = [];

    private readonly CsvResultWriter rows;
    private readonly CsvWriter csv;
    private readonly ScoringModel model;
    private readonly DateOnly asOf;
    private readonly byte[][] bands;
    private readonly byte[][] rules;
    private readonly byte[][] signals;
    private readonly string[] signalNames;
    private readonly byte[]?[] presets = new byte[]?[Enum.GetValues<Segment>().Length];
    private readonly bool invariantNumbers;
    private readonly ThreadLocal<Lane> lanes;
    private readonly List<int> indices = [];
    private readonly RowWriter rowWriter;
    private CompactScoreRun.Chunk? current;

    /// <param name="rows">The writer of the columns, which has written the header.</param>
    /// <param name="model">The model that scored the accounts.</param>
    /// <param name="asOf">The date they were scored as of.</param>
    /// <param name="invariantNumbers">Whether numbers are written with the invariant culture (not <c>--excel</c>'s), so the fast path for hundredths applies.</param>
    public ExplainedCsvWriter(CsvResultWriter rows, ScoringModel model, DateOnly asOf, bool invariantNumbers = true)
    {
        this.invariantNumbers = invariantNumbers;
        this.rows = rows;
        csv = rows.Csv;
        this.model = model;
        this.asOf = asOf;
        lanes = new ThreadLocal<Lane>(() => new Lane(this));
        rowWriter = new RowWriter(this);
        bands = Utf8([.. model.Bands.Select(b => CsvOutput.Text(b.Name)!)]);
        rules = Utf8([.. model.OfferRules.Select(r => CsvOutput.Text(r)!)]);
        signalNames = [.. model.Signals.Select(s => s.Name)];
        signals = Utf8([.. signalNames.Select(n => CsvOutput.Text(n)!)]);
    }

    /// <summary>Gets whether rows carry <c>--keep</c> columns, which only the row route writes.</summary>
    public bool Keeps => rows.KeepCount > 0;

    /// <summary>
    /// Writes a chunk's accounts in order, explained and formatted on two worker threads by the CSV library's parallel
    /// writer (each formats whole batches of rows with a CSV writer of its own; this thread writes them out in order):
    /// while the next chunk is read, the explanations take the core the reader leaves.
    /// </summary>
    public void Write(CompactScoreRun.Chunk chunk)
    {
        current = chunk;
        indices.Clear();
        for (int i = 0; i < chunk.Count; i++)
        {
            indices.Add(i);
        }

        csv.ParallelWriteRecords(indices, rowWriter, 2);
        current = null;

        // A chunk's explanations leave a few megabytes of short-lived objects (the accounts, their names and signal
        // sets). Collected here, chunk by chunk, they never pile up to the collector's own young-generation budget,
        // which on a large-cache machine is tens of megabytes: the default output then peaks where --compact does.
        GC.Collect(0, GCCollectionMode.Forced, blocking: true);
    }

    public void Write(in AccountScore score, IReadOnlyList<string?>? kept) => rows.WriteAccount(model.Explain(score.Account, asOf), kept ?? []);

    public void Flush() => csv.Flush();

    public void Dispose()
    {
        rows.Dispose();
        lanes.Dispose();
    }

    /// <summary>What one thread needs to explain and format rows: the explanation and the scratch buffers, its own.</summary>
    private sealed class Lane(ExplainedCsvWriter w)
    {
        private readonly ScoredTexts texts = new(w.signalNames.Length);
        private readonly StringBuilder missingList = new(64);
        private readonly byte[] number = new byte[32];
        private char[] scratch = new char[256];

        /// <summary>Writes one account as <see cref="CsvResultWriter.WriteAccount(ScoredAccount, IReadOnlyList{string?}, Pitch.PitchScript?)"/> does, field by field.</summary>
        public void Write(CsvWriter csv, CompactScoreRun.Chunk chunk, int i)
        {
            var account = chunk.AccountAt(i);
            var o = chunk.Outcome[i];
            double composite = chunk.Composite[i], probability = chunk.Probability[i], opportunity = chunk.Opportunity[i];
            var t = texts;
            w.model.ExplainScored(account, w.asOf, composite, probability, o, t);
            var id = chunk.Id(i);
            if (id.Contains((byte)0))
            {
                w.rows.Text(csv, CsvOutput.Text(account.Id));
            }
            else
            {
                w.rows.Text(csv, id);
            }

            w.rows.Text(csv, CsvOutput.Text(account.DisplayName));
            w.rows.Text(csv, Segments[(int)account.Segment]);
            w.rows.Text(csv, CsvOutput.Text(account.Plan));
            Number(csv, Formatting.Cents(account.Arr));
            w.rows.Text(csv, w.presets[(int)account.Segment] ??= Encoding.UTF8.GetBytes(CsvOutput.Text(t.Preset)!)); // a segment's preset is the model's
            Score(csv, composite);
            Score(csv, probability);
            w.rows.Text(csv, w.bands[o.BandIndex]);
            w.rows.Text(csv, Offers[(int)o.Offer]);
            if (o.OfferRuleIndex >= 0)
            {
                w.rows.Text(csv, w.rules[o.OfferRuleIndex]);
            }
            else
            {
                csv.WriteField(Empty);
            }

            Text(csv, t.OfferLabel);
            Text(csv, t.Rationale);
            Number(csv, Formatting.Cents(opportunity));
            if (t.SeatsToAdd >= 0)
            {
                t.SeatsToAdd.TryFormat(number, out int digits, default, CultureInfo.InvariantCulture); // an int always fits the 32 bytes
                csv.WriteField(new ReadOnlySpan<byte>(number, 0, digits));
            }
            else
            {
                csv.WriteField(Empty);
            }
            var window = Windows[(int)o.Window];
            w.rows.Text(csv, window);

            // No window overrides on this route: their five columns are empty, and the effective window is the computed one.
            csv.WriteField(Empty);
            csv.WriteField(Empty);
            csv.WriteField(Empty);
            csv.WriteField(Empty);
            csv.WriteField(Empty);
            w.rows.Text(csv, window);
            Text(csv, t.WindowReason);
            w.rows.Text(csv, Confidences[(int)o.Confidence]);
            w.rows.Text(csv, o.IsGated ? True : False);
            w.rows.Text(csv, Gates[(int)o.GatesBlocked & 7]);
            w.rows.Text(csv, Gates[(int)o.GatesNotEvaluated & 7]);
            if (t.LoudestSlot >= 0)
            {
                w.rows.Text(csv, w.signals[t.LoudestSlot]);
            }
            else
            {
                csv.WriteField(Empty);
            }

            MissingSignals(csv);
            for (int j = 0; j < w.signalNames.Length; j++)
            {
                double value = t.Values[j];
                if (double.IsNaN(value))
                {
                    csv.WriteField(Empty);
                }
                else
                {
                    Score(csv, value);
                }

                Score(csv, t.Contributions[j]);
            }

            // The record is ended by the CSV library's record loop.
        }

        /// <summary>Writes a number as the CSV writer formats a <see cref="double"/>, through <see cref="Formatting.TryWriteHundredths"/> when it can.</summary>
        private void Number(CsvWriter csv, double value)
        {
            if (w.invariantNumbers && Formatting.TryWriteHundredths(value, number, out int n))
            {
                csv.WriteField(new ReadOnlySpan<byte>(number, 0, n));
            }
            else
            {
                csv.WriteField(value, default);
            }
        }

        /// <summary>Writes <see cref="Formatting.Score"/>(<paramref name="value"/>) as <see cref="Number"/> would: from the table of scores 0–100, else the general way.</summary>
        private void Score(CsvWriter csv, double value)
        {
            if (w.invariantNumbers && Formatting.TryGetScoreText(value, out byte[] text))
            {
                csv.WriteField(text);
            }
            else
            {
                Number(csv, Formatting.Score(value));
            }
        }

        /// <summary>Writes text as <see cref="CsvOutput.Text"/> would hold it (a NUL becomes U+FFFD), without making a string of it.</summary>
        private void Text(CsvWriter csv, StringBuilder text)
        {
            int n = text.Length;
            if (n > scratch.Length)
            {
                scratch = new char[Math.Max(n, scratch.Length * 2)];
            }

            var span = scratch.AsSpan(0, n);
            text.CopyTo(0, span, n);
            if (span.Contains('\0'))
            {
                span.Replace('\0', '\uFFFD');
            }

            w.rows.Text(csv, (ReadOnlySpan<char>)span);
        }

        private void MissingSignals(CsvWriter csv)
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

                    list.Append(w.signalNames[j]);
                }
            }

            Text(csv, list);
        }
    }

    /// <summary>Writes row <c>i</c> of the chunk being written, on whichever thread the CSV library formats it.</summary>
    private sealed class RowWriter(ExplainedCsvWriter w) : CsvRecordWriter<int>
    {
        public override int FieldCount => w.rows.FieldCount;

        public override void WriteHeader(CsvWriter writer) => throw new InvalidOperationException("The header is written by CsvResultWriter.");

        public override void Write(CsvWriter writer, int record) => w.lanes.Value!.Write(writer, w.current!, record);
    }

    private static byte[][] Utf8(string[] names) => [.. names.Select(Encoding.UTF8.GetBytes)];
}
