using System.Text;
using ExpansionScoring.Cli.Commands;
using ExpansionScoring.Gates;
using ExpansionScoring.Offers;
using ExpansionScoring.Windows;
using ExpansionScoring.Parquet;

namespace ExpansionScoring.Cli.Output;

/// <summary>
/// <c>score --format parquet</c>: the <c>--compact</c> columns (<see cref="CompactCsvWriter.Header"/>) as a typed
/// Parquet file, for a data team that loads the scores back into the warehouse. Numbers are doubles with the values the
/// CSV shows (scores truncated to 2 decimals, money to cents), <c>gated</c> a boolean, <c>missing_signals</c> an
/// integer, names text; a field the CSV leaves empty (no offer rule, no gate, a kept value that is missing) is null.
/// </summary>
/// <remarks>
/// Rows are gathered into row groups of <see cref="RowGroupRows"/> accounts, so memory stays flat however large the
/// book. Parquet's footer is written last, at its start's offset, so the output must be a regular file.
/// </remarks>
internal sealed class ParquetResultWriter : IScoredSink, IDisposable
{
    /// <summary>The accounts per row group: large enough for columnar reads, small enough to keep memory flat.</summary>
    public const int RowGroupRows = 65_536;

    private static readonly string[] Segments = Enum.GetNames<Segment>();
    private static readonly string[] Offers = Enum.GetNames<OfferKind>();
    private static readonly string[] Windows = Enum.GetNames<PitchWindow>();
    private static readonly string[] Confidences = Enum.GetNames<Confidence>();
    private static readonly string?[] Flags = [.. Enumerable.Range(0, 8).Select(f => string.Join(";", Enum.GetValues<GateFlags>().Where(g => g != GateFlags.None && ((GateFlags)f).HasFlag(g)))).Select(s => s.Length == 0 ? null : s)];

    private readonly ParquetTableWriter table;
    private readonly string[] bands;
    private readonly string[] ruleNames;
    private readonly int keepCount;
    private readonly string?[] id = new string?[RowGroupRows];
    private readonly string?[] segment = new string?[RowGroupRows];
    private readonly double[] arr = new double[RowGroupRows];
    private readonly double[] composite = new double[RowGroupRows];
    private readonly double[] probability = new double[RowGroupRows];
    private readonly string?[] band = new string?[RowGroupRows];
    private readonly string?[] offer = new string?[RowGroupRows];
    private readonly string?[] offerRule = new string?[RowGroupRows];
    private readonly double[] opportunity = new double[RowGroupRows];
    private readonly string?[] window = new string?[RowGroupRows];
    private readonly string?[] confidence = new string?[RowGroupRows];
    private readonly bool[] gated = new bool[RowGroupRows];
    private readonly string?[] gatesBlocked = new string?[RowGroupRows];
    private readonly string?[] gatesNotEvaluated = new string?[RowGroupRows];
    private readonly int[] missing = new int[RowGroupRows];
    private readonly string?[][] kept;
    private readonly Array[] columns;
    private int count;

    /// <summary>Starts the Parquet file on <paramref name="output"/>, a seekable stream left open.</summary>
    public ParquetResultWriter(Stream output, ScoringModel model, IReadOnlyList<string>? keepNames = null)
    {
        bands = [.. model.Bands.Select(b => b.Name)];
        ruleNames = [.. model.OfferRules];
        keepNames ??= [];
        keepCount = keepNames.Count;
        kept = [.. Enumerable.Range(0, keepCount).Select(_ => new string?[RowGroupRows])];
        columns = [id, segment, arr, composite, probability, band, offer, offerRule, opportunity, window, confidence, gated, gatesBlocked, gatesNotEvaluated, missing, .. kept];
        var types = new ParquetColumnType[columns.Length];
        for (int c = 0; c < columns.Length; c++)
        {
            types[c] = columns[c] switch
            {
                double[] => ParquetColumnType.Double,
                bool[] => ParquetColumnType.Boolean,
                int[] => ParquetColumnType.Int32,
                _ => ParquetColumnType.Text,
            };
        }

        string[] names = [.. CompactCsvWriter.Header, .. keepNames];
        table = ParquetTableWriter.CreateAsync(output, [.. names.Select((n, c) => (n, types[c]))]).GetAwaiter().GetResult();
    }

    public bool Keeps => keepCount > 0;

    /// <summary>Takes every account of a scored chunk.</summary>
    public void Write(CompactScoreRun.Chunk chunk)
    {
        var c = chunk.Accounts.Columns;
        for (int i = 0; i < chunk.Count; i++)
        {
            var o = chunk.Outcome[i];
            Add(Encoding.UTF8.GetString(chunk.Id(i)), c.Segment[i], c.Arr[i], chunk.Composite[i], chunk.Probability[i], o.BandIndex, o.Offer, o.OfferRuleIndex, chunk.Opportunity[i], o.Window, o.Confidence, o.GatesBlocked, o.GatesNotEvaluated, o.MissingSignalCount, null);
        }
    }

    /// <summary>Takes one account the general engine scored, with the input values kept for it.</summary>
    public void Write(in AccountScore score, IReadOnlyList<string?>? keptValues)
    {
        var account = score.Account;
        int rule = score.OfferRule is null ? -1 : Array.IndexOf(ruleNames, score.OfferRule);
        Add(account.Id, account.Segment, account.Arr, score.Composite, score.Probability, score.BandIndex, score.Offer, rule, score.Opportunity, score.Window, score.Confidence, score.GatesBlocked, score.GatesNotEvaluated, score.MissingSignalCount, keptValues);
    }

    /// <summary>Writes the accounts gathered so far as a row group.</summary>
    public void Flush()
    {
        if (count > 0)
        {
            table.WriteRowGroupAsync(columns, count).GetAwaiter().GetResult();
            count = 0;
        }
    }

    /// <summary>Writes what is left and the file's footer.</summary>
    public void Dispose()
    {
        Flush();
        table.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private void Add(string accountId, Segment seg, double arrValue, double compositeValue, double probabilityValue, int bandIndex, OfferKind offerKind, int rule, double opportunityValue, PitchWindow pitchWindow, Confidence conf, GateFlags blocked, GateFlags notEvaluated, int missingCount, IReadOnlyList<string?>? keptValues)
    {
        int i = count;
        id[i] = accountId;
        segment[i] = Segments[(int)seg];
        arr[i] = Formatting.Cents(arrValue);
        composite[i] = Formatting.Score(compositeValue);
        probability[i] = Formatting.Score(probabilityValue);
        band[i] = bands[bandIndex];
        offer[i] = Offers[(int)offerKind];
        offerRule[i] = rule >= 0 ? ruleNames[rule] : null;
        opportunity[i] = Formatting.Cents(opportunityValue);
        window[i] = Windows[(int)pitchWindow];
        confidence[i] = Confidences[(int)conf];
        gated[i] = blocked != GateFlags.None;
        gatesBlocked[i] = Flags[(int)blocked & 7];
        gatesNotEvaluated[i] = Flags[(int)notEvaluated & 7];
        missing[i] = missingCount;
        for (int k = 0; k < keepCount; k++)
        {
            kept[k][i] = keptValues is not null && k < keptValues.Count && !string.IsNullOrEmpty(keptValues[k]) ? keptValues[k] : null;
        }

        if (++count == RowGroupRows)
        {
            Flush();
        }
    }
}
