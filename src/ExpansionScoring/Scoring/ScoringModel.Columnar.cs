using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using ExpansionScoring.Columnar;
using ExpansionScoring.Gates;
using ExpansionScoring.Internal;
using ExpansionScoring.Offers;
using ExpansionScoring.Signals;

namespace ExpansionScoring;

/// <content>The columnar batch path and the single-row path.</content>
public sealed partial class ScoringModel
{
    /// <summary>Below this many accounts a parallel batch runs on one core: splitting costs more than it saves.</summary>
    private const int MinAccountsPerPartition = 16_384;

    private readonly FusedKernel? kernel;

    /// <summary>
    /// Gets the path <see cref="ScoreBatch(AccountColumns, DateOnly, ScoreColumns)"/> takes for this model on this machine:
    /// the widest vectors the hardware accelerates, or <see cref="ScoringPath.General"/> when the model uses a piece the
    /// fused kernel does not implement (see <see cref="BatchPathFallbackReason"/>).
    /// </summary>
    public ScoringPath BatchPath => kernel is null ? ScoringPath.General : ScoringPath.Kernel;

    /// <summary>
    /// Gets why this model's batches run on the general engine, or <see langword="null"/> when they run on the fused
    /// kernel. The kernel covers every built-in piece: the five built-in signals and scorers, any presets and
    /// per-segment presets, both missing-signal policies, weighted-average and points-sum aggregation, the linear
    /// probability transform, any bands and either band basis, any offer rules given as data, multipliers, windows and
    /// gates. User-defined signals or scorers, offer rules written in code and other probability transforms fall back.
    /// </summary>
    public string? BatchPathFallbackReason { get; }

    private static LaneWidth HardwareWidth
        => Vector256.IsHardwareAccelerated ? LaneWidth.Four
            : Vector128.IsHardwareAccelerated ? LaneWidth.Two
            : LaneWidth.One;

    /// <summary>
    /// Scores a book held as columns in one fused, branch-free pass, writing each account's results into
    /// <paramref name="results"/> and returning the per-band and per-window sums. Allocates nothing per account.
    /// Results equal <see cref="Score(Account, DateOnly)"/> on the same accounts: the same band, offer and window, and
    /// the same probability and dollars.
    /// </summary>
    /// <param name="accounts">The accounts, one span per field.</param>
    /// <param name="asOf">The date to score as of (the tenure gate).</param>
    /// <param name="results">Where to write the results; any column may be left empty.</param>
    /// <returns>The sums, and which path ran.</returns>
    /// <exception cref="ArgumentException">A column's length does not match <see cref="AccountColumns.Count"/>, or a results column is too short.</exception>
    public BatchSummary ScoreBatch(AccountColumns accounts, DateOnly asOf, ScoreColumns results)
    {
        accounts.Validate();
        results.Validate(accounts.Count);
        return ScoreValidated(accounts, asOf, results);
    }

    /// <summary>
    /// Scores a book held as columns, split into contiguous parts scored on up to <paramref name="degreeOfParallelism"/>
    /// cores at once; the parts' sums are merged. Results are the same as
    /// <see cref="ScoreBatch(AccountColumns, DateOnly, ScoreColumns)"/>'s; the sums may differ in the last bits.
    /// </summary>
    /// <param name="accounts">The accounts, one span per field.</param>
    /// <param name="asOf">The date to score as of.</param>
    /// <param name="results">Where to write the results; any column may be left empty.</param>
    /// <param name="degreeOfParallelism">The most cores to use; 1 scores on the calling thread. Parts are at least 16,384 accounts.</param>
    /// <returns>The merged sums.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="degreeOfParallelism"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">A column's length does not match, or a results column is too short.</exception>
    public unsafe BatchSummary ScoreBatch(AccountColumns accounts, DateOnly asOf, ScoreColumns results, int degreeOfParallelism)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreeOfParallelism, 1);
        accounts.Validate();
        results.Validate(accounts.Count);
        int n = accounts.Count;
        int parts = Math.Min(degreeOfParallelism, Math.Max(1, n / MinAccountsPerPartition));
        if (parts == 1)
        {
            return ScoreValidated(accounts, asOf, results);
        }

        // The spans are pinned for the duration of the call, so the workers can rebuild them from addresses. The signal
        // columns are pinned by id, all the room AccountColumns has (an empty one pins nothing).
        fixed (Segment* segment = accounts.Segment)
        fixed (double* s0 = accounts.Signal(0), s1 = accounts.Signal(1), s2 = accounts.Signal(2), s3 = accounts.Signal(3))
        fixed (double* s4 = accounts.Signal(4), s5 = accounts.Signal(5), s6 = accounts.Signal(6), s7 = accounts.Signal(7))
        fixed (double* arr = accounts.Arr, seats = accounts.SeatSaturation, days = accounts.DaysToRenewal, health = accounts.HealthScore, tickets = accounts.OpenP1P2Tickets)
        fixed (DateOnly* start = accounts.ContractStart)
        fixed (double* composite = results.Composite, probability = results.Probability, opportunity = results.Opportunity)
        fixed (ScoreOutcome* outcome = results.Outcome)
        {
            var pinned = new PinnedColumns(
                n,
                (nint)segment,
                [(nint)s0, (nint)s1, (nint)s2, (nint)s3, (nint)s4, (nint)s5, (nint)s6, (nint)s7],
                [accounts.Signal(0).Length, accounts.Signal(1).Length, accounts.Signal(2).Length, accounts.Signal(3).Length, accounts.Signal(4).Length, accounts.Signal(5).Length, accounts.Signal(6).Length, accounts.Signal(7).Length],
                [(nint)arr, (nint)seats, (nint)days, (nint)health, (nint)tickets],
                [n, accounts.SeatSaturation.Length, accounts.DaysToRenewal.Length, accounts.HealthScore.Length, accounts.OpenP1P2Tickets.Length, accounts.Segment.Length, accounts.ContractStart.Length],
                (nint)start,
                [(nint)composite, (nint)probability, (nint)opportunity],
                [results.Composite.Length, results.Probability.Length, results.Opportunity.Length, results.Outcome.Length],
                (nint)outcome);
            var summaries = new BatchSummary[parts];
            Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, part =>
            {
                int from = (int)((long)n * part / parts);
                int to = (int)((long)n * (part + 1) / parts);
                summaries[part] = ScoreValidated(pinned.Accounts().Slice(from, to - from), asOf, pinned.Results().Slice(from, to - from));
            });

            var merged = summaries[0];
            for (int i = 1; i < parts; i++)
            {
                merged = merged.Merge(summaries[i]);
            }

            return merged;
        }
    }

    /// <summary>
    /// Scores one account given as plain numbers, with the batch path's results: the fused kernel runs it as a book of
    /// one account, one lane wide (<see cref="RowScore.Path"/> is <see cref="ScoringPath.Kernel"/>), or the general
    /// engine does for a model the kernel does not cover (<see cref="ScoringPath.General"/>). Allocates nothing on the
    /// kernel's path. Like the batch path it trusts its input: values outside their documented ranges (an infinite
    /// signal, say) are not rejected.
    /// </summary>
    /// <param name="row">The account.</param>
    /// <param name="asOf">The date to score as of (the tenure gate).</param>
    /// <returns>The result, and which path ran.</returns>
    public RowScore ScoreRow(in AccountRow row, DateOnly asOf) => kernel is { } k ? k.Row(row, asOf) : ScoreRowGeneral(row, asOf);

    private RowScore ScoreRowGeneral(in AccountRow row, DateOnly asOf)
    {
        var score = Score(ToAccount(row, "row"), asOf);
        return new RowScore(score.Composite, score.Probability, score.Opportunity, OutcomeOf(score), ScoringPath.General);
    }

    private ScoreOutcome OutcomeOf(in AccountScore score)
        => new(score.BandIndex, score.FiredRuleIndex, score.Offer, score.Window, score.GatesBlocked, score.GatesNotEvaluated, score.MissingSignalCount);

    private static Account ToAccount(in AccountRow row, string id)
    {
        var signals = SignalValues.Empty;
        var values = row.Signals;
        for (int signal = 0; signal < BuiltInSignals.Count; signal++)
        {
            if (Present(values[signal]) is { } v)
            {
                signals = signals.With(SignalKey.BuiltIn[signal], v);
            }
        }

        return new Account
        {
            Id = id,
            Segment = row.Segment,
            Arr = row.Arr,
            Signals = signals,
            SeatSaturation = Present(row.SeatSaturation),
            DaysToRenewal = Present(row.DaysToRenewal) is { } d ? WholeDays(d) : null,
            HealthScore = Present(row.HealthScore),
            OpenP1P2Tickets = Present(row.OpenP1P2Tickets) is { } t ? (int)t : null,
            ContractStartDate = row.ContractStart == default ? null : row.ContractStart,
        };

        static double? Present(double x) => double.IsNaN(x) ? null : x;

        static int WholeDays(double d) => d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue
            ? (int)d
            : throw new ArgumentException(FormattableString.Invariant($"DaysToRenewal must be a whole number of days, was {d}."), nameof(AccountColumns.DaysToRenewal));
    }

    /// <summary>Scores on a given width whatever the hardware accelerates (unaccelerated widths are emulated): for tests.</summary>
    internal BatchSummary ScoreBatchOn(LaneWidth width, AccountColumns accounts, DateOnly asOf, ScoreColumns results)
    {
        accounts.Validate();
        results.Validate(accounts.Count);
        return ScoreValidated(accounts, asOf, results, width);
    }

    private BatchSummary ScoreValidated(in AccountColumns accounts, DateOnly asOf, in ScoreColumns results) => ScoreValidated(accounts, asOf, results, HardwareWidth);

    private BatchSummary ScoreValidated(in AccountColumns accounts, DateOnly asOf, in ScoreColumns results, LaneWidth width)
    {
        var k = kernel;
        if (k is null)
        {
            return ScoreGeneral(accounts, asOf, results);
        }

        Span<double> totals = stackalloc double[k.AccumulatorLength];
        totals.Clear();
        int tenureLow = k.TenureLow(asOf);
        switch (width)
        {
            case LaneWidth.Four:
                k.Run<Lanes256>(accounts, results, tenureLow, totals);
                break;
            case LaneWidth.Two:
                k.Run<Lanes128>(accounts, results, tenureLow, totals);
                break;
            default:
                k.Run<Lanes1>(accounts, results, tenureLow, totals);
                break;
        }

        return k.Summarize(ScoringPath.Kernel, totals);
    }

    /// <summary>The fallback: each row becomes an <see cref="Account"/> scored by the general engine.</summary>
    private BatchSummary ScoreGeneral(in AccountColumns accounts, DateOnly asOf, in ScoreColumns results)
    {
        int bandCount = bands.Length;
        var byBand = new BatchBucket[bandCount];
        var byWindow = new BatchBucket[4];
        long gated = 0;
        for (int i = 0; i < accounts.Count; i++)
        {
            var score = Score(ToAccount(accounts.Row(i), "row " + i.ToString(System.Globalization.CultureInfo.InvariantCulture)), asOf);
            if (!results.Composite.IsEmpty)
            {
                results.Composite[i] = score.Composite;
            }

            if (!results.Probability.IsEmpty)
            {
                results.Probability[i] = score.Probability;
            }

            if (!results.Opportunity.IsEmpty)
            {
                results.Opportunity[i] = score.Opportunity;
            }

            if (!results.Outcome.IsEmpty)
            {
                results.Outcome[i] = OutcomeOf(score);
            }

            var one = new BatchBucket(1, accounts.Arr[i], score.Opportunity);
            byBand[score.BandIndex] += one;
            byWindow[(int)score.Window] += one;
            gated += score.GatesBlocked != GateFlags.None ? 1 : 0;
        }

        return new BatchSummary(ScoringPath.General, byBand, byWindow, gated);
    }

    private FusedPlan CompileFusedPlan()
    {
        // The kernel reads the built-in signals by id; every model holds them in slots 0.. in the same order.
        int signals = BuiltInSignals.Count;
        var weights = new double[SegmentCount * signals];
        for (int s = 0; s < SegmentCount; s++)
        {
            for (int id = 0; id < signals; id++)
            {
                weights[(s * signals) + id] = segmentWeights[s][slotOfKey[id]];
            }
        }

        bool uniform = true;
        for (int s = 1; s < SegmentCount; s++)
        {
            uniform &= weights.AsSpan(0, signals).SequenceEqual(weights.AsSpan(s * signals, signals));
        }

        var fused = new List<FusedRule>();
        for (int r = 0; r < rules.Length; r++)
        {
            var rule = (ConditionOfferRule)rules[r];
            var conditions = rule.BoundConditions.ToArray();
            if (conditions.Any(c => c.Field < 0))
            {
                continue; // It reads a signal the model does not have: missing, so it never fires.
            }

            for (int c = 0; c < conditions.Length; c++)
            {
                if (conditions[c].Field < signals)
                {
                    conditions[c].Field = slotKeys[conditions[c].Field].Id;
                }
            }

            fused.Add(new FusedRule(rule.SegmentMask & 7, conditions, ScoreOutcome.RuleBits(r, rule.Offer), multipliers[(int)rule.Offer]));
        }

        return new FusedPlan
        {
            Weights = weights,
            UniformWeights = uniform,
            SignalCount = signals,
            WeightedSignals = [.. Enumerable.Range(0, signals).Where(id => Enumerable.Range(0, SegmentCount).Any(s => weights[(s * signals) + id] > 0))],
            WeightedCount = weights.Take(signals).Count(w => w > 0),
            ZeroMissing = MissingSignalPolicy == MissingSignalPolicy.TreatAsZero,
            PointsSum = pointsSum,
            MaxPoints = maxPoints,
            BandsFromScore = bandsFromScore,
            Intercept = linearIntercept,
            Slope = linearSlope,
            BandThresholds = [.. bandMins.Take(bandMins.Length - 1).Select(m => m - Epsilon)],
            Rules = [.. fused],
            NurtureMultiplier = multipliers[(int)OfferKind.Nurture],
            SeatSaturationFromPlanFit = seatSaturationFromPlanFit,
            Windows = windowRule,
            Gates = gates,
        };
    }

    /// <summary>The addresses of pinned columns, from which each worker rebuilds its spans.</summary>
    private sealed unsafe class PinnedColumns(int count, nint segment, nint[] signals, int[] signalLengths, nint[] doubles, int[] lengths, nint start, nint[] outputs, int[] outputLengths, nint outcome)
    {
        public AccountColumns Accounts() => new(Signal(0), Signal(1), Signal(2), Signal(3), Signal(4), Signal(5), Signal(6), Signal(7))
        {
            Segment = new ReadOnlySpan<Segment>((void*)segment, lengths[5]),
            Arr = In(0),
            SeatSaturation = In(1),
            DaysToRenewal = In(2),
            HealthScore = In(3),
            OpenP1P2Tickets = In(4),
            ContractStart = new ReadOnlySpan<DateOnly>((void*)start, lengths[6]),
        };

        public ScoreColumns Results() => new()
        {
            Composite = Out(0),
            Probability = Out(1),
            Opportunity = Out(2),
            Outcome = new Span<ScoreOutcome>((void*)outcome, Math.Min(outputLengths[3], count)),
        };

        private ReadOnlySpan<double> Signal(int id) => new((void*)signals[id], signalLengths[id]);

        private ReadOnlySpan<double> In(int column) => new((void*)doubles[column], lengths[column]);

        private Span<double> Out(int column) => new((void*)outputs[column], Math.Min(outputLengths[column], count));
    }
}
