using System.Text;
using ExpansionScoring.Cli.Commands;
using ExpansionScoring.Columnar;
using ExpansionScoring.Offers;
using ExpansionScoring.Windows;

namespace ExpansionScoring.Cli.Output;

/// <summary>
/// The default <c>score</c> CSV (<see cref="CsvResultWriter"/>'s columns, byte for byte) written from the batch path's
/// results: a <see cref="CompactScoreRun"/> scores each chunk of columns, and this sink explains only what it writes,
/// with <see cref="ScoringModel.ExplainScored"/> (the library's words, from the rule, gates and band the batch path
/// recorded), on the run's writing side while the next chunk is read. Each chunk is cut into a few slices per core, each
/// slice explained and formatted as UTF-8 by a <see cref="Lane"/> of its own (<see cref="CsvUtf8Buffer"/>, which writes
/// the CSV library's bytes), and the slices are written out in order. Accounts the run scores row by row (a book the
/// span reader does not take, <c>--keep</c>) are explained by <see cref="ScoringModel.Explain"/> and written by the same
/// <see cref="CsvResultWriter"/>.
/// </summary>
internal sealed class ExplainedCsvWriter : IScoredSink, IDisposable
{
    /// <summary>The fewest rows worth a slice of their own.</summary>
    private const int SliceRows = 512;

    /// <summary>The chunks between two collections of the explanations' garbage.</summary>
    private const int CollectEvery = 4;

    /// <summary>The slices a chunk is cut into: several per core, so the cores share them out evenly.</summary>
    private static readonly int SlicesPerChunk = 4 * Math.Max(1, Environment.ProcessorCount);

    private readonly CsvResultWriter rows;
    private readonly ScoringModel model;
    private readonly DateOnly asOf;
    private readonly string[] signalNames;

    /// <summary>Two sets of lanes, one per slice: one set formats a chunk while the other's rows are written out.</summary>
    private readonly Lane[][] lanes;
    private int turn;
    private Task? writingOut;
    private int chunksSinceCollect;

    // Every name the model or the enums give is encoded once as its whole CSV field (quoted and protected as text).
    private readonly byte[][] segments;
    private readonly byte[][] offers;
    private readonly byte[][] windows;
    private readonly byte[][] confidences;
    private readonly byte[][] gates;
    private readonly byte[][] bands;
    private readonly byte[][] rules;
    private readonly byte[][] signals;
    private readonly byte[]?[] presets = new byte[]?[Enum.GetValues<Segment>().Length];
    private readonly byte[] @true;
    private readonly byte[] @false;

    /// <param name="rows">The writer of the columns, which has written the header.</param>
    /// <param name="model">The model that scored the accounts.</param>
    /// <param name="asOf">The date they were scored as of.</param>
    public ExplainedCsvWriter(CsvResultWriter rows, ScoringModel model, DateOnly asOf)
    {
        this.rows = rows;
        this.model = model;
        this.asOf = asOf;
        var encoder = new CsvUtf8Buffer(rows.Options);
        byte[][] Encode(IEnumerable<string> names) => [.. names.Select(n => encoder.Encode(CsvOutput.Text(n)))];
        segments = Encode(Enum.GetNames<Segment>());
        offers = Encode(Enum.GetNames<OfferKind>());
        windows = Encode(Enum.GetNames<PitchWindow>());
        confidences = Encode(Enum.GetNames<Confidence>());
        gates = Encode(Formatting.GateNames);
        bands = Encode(model.Bands.Select(b => b.Name));
        rules = Encode(model.OfferRules);
        signalNames = [.. model.Signals.Select(s => s.Name)];
        signals = Encode(signalNames);
        @true = encoder.Encode("true");
        @false = encoder.Encode("false");
        lanes = [.. Enumerable.Range(0, 2).Select(_ => Enumerable.Range(0, SlicesPerChunk).Select(_ => new Lane(this)).ToArray())];
    }

    /// <summary>Gets whether rows carry <c>--keep</c> columns, which only the row route writes.</summary>
    public bool Keeps => rows.KeepCount > 0;

    /// <summary>
    /// Writes a chunk's accounts in order: its slices are explained and formatted by this thread and one pool task per
    /// other core, each taking the next slice left, while the next chunk is read. The formatted rows are then written out on the pool while this
    /// returns, so the chunk goes back to the reader at once; the next chunk is formatted into the other set of lanes,
    /// and written out after this one.
    /// </summary>
    public void Write(CompactScoreRun.Chunk chunk)
    {
        var set = lanes[turn];
        turn ^= 1;
        int n = chunk.Count;
        int slices = Math.Clamp(n / SliceRows, 1, set.Length);
        int next = -1;
        void Work()
        {
            for (int k; (k = Interlocked.Increment(ref next)) < slices;)
            {
                set[k].Format(chunk, n * k / slices, n * (k + 1) / slices);
            }
        }

        // This thread and one pool task per other core take slices until none is left, so a slow start on one core
        // does not leave the other waiting.
        var helpers = new Task[Math.Min(Environment.ProcessorCount, slices) - 1];
        for (int h = 0; h < helpers.Length; h++)
        {
            helpers[h] = Task.Run(Work);
        }

        Work();
        foreach (var helper in helpers)
        {
            helper.GetAwaiter().GetResult();
        }

        for (int k = slices; k < set.Length; k++)
        {
            set[k].Clear();
        }

        // A chunk's explanations leave a few megabytes of short-lived objects (the accounts, their names and signal
        // sets). Collected every few chunks, they never pile up to the collector's own young-generation budget, which
        // on a large-cache machine is tens of megabytes: the default output then peaks near --compact. Every chunk
        // paused every thread 122 times a million rows; every fourth is 3 % faster for 10 MB more at the peak.
        if (++chunksSinceCollect % CollectEvery == 0)
        {
            GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        }

        WrittenOut(); // the chunk before, from the other set
        writingOut = Task.Run(() =>
        {
            foreach (var lane in set)
            {
                rows.WriteRecords(lane.Written);
            }
        });
    }

    public void Write(in AccountScore score, IReadOnlyList<string?>? kept)
    {
        WrittenOut();
        rows.WriteAccount(model.Explain(score.Account, asOf), kept ?? []);
    }

    public void Flush()
    {
        WrittenOut();
        rows.Flush();
    }

    public void Dispose()
    {
        try
        {
            WrittenOut();
        }
        finally
        {
            rows.Dispose();
        }
    }

    /// <summary>Waits until the chunk being written out is, and throws what writing it threw.</summary>
    private void WrittenOut()
    {
        var task = writingOut;
        writingOut = null;
        task?.GetAwaiter().GetResult();
    }

    /// <summary>What one slice needs to explain and format rows: the explanation, the records and the scratch, its own.</summary>
    private sealed class Lane(ExplainedCsvWriter w)
    {
        private readonly ScoredTexts texts = new(w.signalNames.Length);
        private readonly StringBuilder missingList = new(64);
        private readonly PlanNames plans = new();
        private readonly CsvUtf8Buffer csv = new(w.rows.Options, 1 << 18);
        private char[] scratch = new char[256];

        public ReadOnlySpan<byte> Written => csv.Written;

        public void Clear() => csv.Clear();

        /// <summary>Explains and formats rows <paramref name="from"/> to <paramref name="to"/> (exclusive), replacing what the lane held.</summary>
        public void Format(CompactScoreRun.Chunk chunk, int from, int to)
        {
            csv.Clear();
            var columns = chunk.Accounts.Columns;
            for (int i = from; i < to; i++)
            {
                Write(chunk, i, chunk.AccountAt(i, columns, plans));
                csv.EndRecord();
            }
        }

        /// <summary>Writes one account as <see cref="CsvResultWriter.WriteAccount(ScoredAccount, IReadOnlyList{string?}, Pitch.PitchScript?)"/> does, field by field.</summary>
        private void Write(CompactScoreRun.Chunk chunk, int i, Account account)
        {
            var o = chunk.Outcome[i];
            double composite = chunk.Composite[i], probability = chunk.Probability[i], opportunity = chunk.Opportunity[i];
            var t = texts;
            w.model.ExplainScored(account, w.asOf, composite, probability, o, t);
            // The id, name and plan are written from the bytes read where the account holds exactly those (its own
            // rules decide which: a blank name shows the id, a blank plan is none); a NUL or bytes that are not UTF-8
            // go the way of the strings.
            var id = chunk.Id(i);
            bool idAsRead = IsPlain(id);
            chunk.TryGetText(i, out var name, out var plan);
            string shown = account.DisplayName;
            if (idAsRead)
            {
                csv.Text(id);
            }
            else
            {
                csv.Text(CsvOutput.Text(account.Id));
            }

            if (ReferenceEquals(shown, account.Id) && idAsRead)
            {
                csv.Text(id);
            }
            else if (ReferenceEquals(shown, account.Name) && !name.IsEmpty && IsPlain(name))
            {
                csv.Text(name);
            }
            else
            {
                csv.Text(CsvOutput.Text(shown));
            }

            csv.Field(w.segments[(int)account.Segment]);
            if (account.Plan is not null && !plan.IsEmpty && IsPlain(plan))
            {
                csv.Text(plan);
            }
            else
            {
                csv.Text(CsvOutput.Text(account.Plan));
            }

            Number(Formatting.Cents(account.Arr));
            csv.Field(w.presets[(int)account.Segment] ??= csv.Encode(CsvOutput.Text(t.Preset))); // a segment's preset is the model's
            Score(composite);
            Score(probability);
            csv.Field(w.bands[o.BandIndex]);
            csv.Field(w.offers[(int)o.Offer]);
            if (o.OfferRuleIndex >= 0)
            {
                csv.Field(w.rules[o.OfferRuleIndex]);
            }
            else
            {
                csv.Empty();
            }

            Text(t.OfferLabel);
            Text(t.Rationale);
            Number(Formatting.Cents(opportunity));
            if (t.SeatsToAdd >= 0)
            {
                csv.Number(t.SeatsToAdd);
            }
            else
            {
                csv.Empty();
            }

            var window = w.windows[(int)o.Window];
            csv.Field(window);

            // No window overrides on this route: their five columns are empty, and the effective window is the computed one.
            csv.Empty();
            csv.Empty();
            csv.Empty();
            csv.Empty();
            csv.Empty();
            csv.Field(window);
            Text(t.WindowReason);
            csv.Field(w.confidences[(int)o.Confidence]);
            csv.Field(o.IsGated ? w.@true : w.@false);
            csv.Field(w.gates[(int)o.GatesBlocked & 7]);
            csv.Field(w.gates[(int)o.GatesNotEvaluated & 7]);
            if (t.LoudestSlot >= 0)
            {
                csv.Field(w.signals[t.LoudestSlot]);
            }
            else
            {
                csv.Empty();
            }

            MissingSignals();
            for (int j = 0; j < w.signalNames.Length; j++)
            {
                double value = t.Values[j];
                if (double.IsNaN(value))
                {
                    csv.Empty();
                }
                else
                {
                    Score(value);
                }

                Score(t.Contributions[j]);
            }
        }

        /// <summary>Whether bytes read are the text a string of them holds: valid UTF-8 with no NUL.</summary>
        private static bool IsPlain(ReadOnlySpan<byte> utf8) => !utf8.Contains((byte)0) && System.Text.Unicode.Utf8.IsValid(utf8);

        /// <summary>Writes a number as the CSV writer formats a <see cref="double"/>, through <see cref="Formatting.TryWriteHundredths"/> when it can.</summary>
        private void Number(double value)
        {
            if (csv.InvariantNumbers && Formatting.TryWriteHundredths(value, csv.NumberRoom(32), out int n))
            {
                csv.NumberWritten(n);
            }
            else
            {
                csv.Number(value);
            }
        }

        /// <summary>Writes <see cref="Formatting.Score"/>(<paramref name="value"/>) as <see cref="Number"/> would: from the table of scores 0–100, else the general way.</summary>
        private void Score(double value)
        {
            if (csv.InvariantNumbers && Formatting.TryWriteScore(value, csv.NumberRoom(8), out int n))
            {
                csv.NumberWritten(n);
            }
            else
            {
                Number(Formatting.Score(value));
            }
        }

        /// <summary>Writes text as <see cref="CsvOutput.Text"/> would hold it (a NUL becomes U+FFFD), without making a string of it.</summary>
        private void Text(StringBuilder text)
        {
            var chunks = text.GetChunks();
            if (chunks.MoveNext() && chunks.Current.Length == text.Length && !chunks.Current.Span.Contains('\0'))
            {
                csv.Text(chunks.Current.Span); // the usual case: the builder holds the text in one piece
                return;
            }

            int n = text.Length;
            if (n > scratch.Length)
            {
                scratch = new char[Math.Max(n, scratch.Length * 2)];
            }

            var span = scratch.AsSpan(0, n);
            text.CopyTo(0, span, n);
            span.Replace('\0', '\uFFFD');
            csv.Text((ReadOnlySpan<char>)span);
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

                    list.Append(w.signalNames[j]);
                }
            }

            Text(list);
        }
    }
}
