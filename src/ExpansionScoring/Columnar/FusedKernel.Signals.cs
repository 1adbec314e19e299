using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ExpansionScoring.Signals;

namespace ExpansionScoring.Columnar;

/// <content>Pass 1 of the batch kernel: signals → composite, probability and band (SPEC §3–§5).</content>
internal sealed partial class FusedKernel
{
    /// <summary>
    /// Pass 1: PlanFit derived where missing, composite, probability, band, missing-signal count, seat-saturation
    /// fact. The model's five yes-or-no choices become type arguments, so the JIT compiles a loop with only the
    /// arithmetic the model needs and keeps no constants for the other choices. The composite loops over the built-in
    /// signals (<see cref="BuiltInSignals"/>), reading each signal's column through a pointer: the block's columns are
    /// pinned here, for the pass.
    /// </summary>
    private unsafe void Signals<TV>(in Block k, int from, int to)
        where TV : unmanaged, ILanes<TV>
    {
        if (from >= to)
        {
            return;
        }

        double* nan = (double*)Unsafe.AsPointer(ref k.Ref(Column.NaN));
        double** inputs = stackalloc double*[BuiltInSignals.Capacity];
        fixed (double* s0 = k.SignalColumn(0), s1 = k.SignalColumn(1), s2 = k.SignalColumn(2), s3 = k.SignalColumn(3))
        fixed (double* s4 = k.SignalColumn(4), s5 = k.SignalColumn(5), s6 = k.SignalColumn(6), s7 = k.SignalColumn(7))
        {
            inputs[0] = s0;
            inputs[1] = s1;
            inputs[2] = s2;
            inputs[3] = s3;
            inputs[4] = s4;
            inputs[5] = s5;
            inputs[6] = s6;
            inputs[7] = s7;
            for (int id = 0; id < BuiltInSignals.Capacity; id++)
            {
                // A column the book lacks reads as NaN: missing.
                inputs[id] = inputs[id] == null ? nan : inputs[id];
            }

            // PlanFit is read as derived, from its scratch column, which the loop writes before it reads it.
            inputs[PlanFitId] = (double*)Unsafe.AsPointer(ref k.Ref(Column.PlanFit));
            if (plan.UniformWeights)
            {
                Signals<TV, Yes>(k, from, to, s0 == null ? nan : s0, inputs);
            }
            else
            {
                Signals<TV, No>(k, from, to, s0 == null ? nan : s0, inputs);
            }
        }
    }

    private unsafe void Signals<TV, TUniform>(in Block k, int from, int to, double* planFitIn, double** inputs)
        where TV : unmanaged, ILanes<TV>
        where TUniform : struct, IChoice
    {
        if (plan.PointsSum)
        {
            Signals<TV, TUniform, Yes>(k, from, to, planFitIn, inputs);
        }
        else
        {
            Signals<TV, TUniform, No>(k, from, to, planFitIn, inputs);
        }
    }

    private unsafe void Signals<TV, TUniform, TPointsSum>(in Block k, int from, int to, double* planFitIn, double** inputs)
        where TV : unmanaged, ILanes<TV>
        where TUniform : struct, IChoice
        where TPointsSum : struct, IChoice
    {
        if (plan.ZeroMissing)
        {
            Signals<TV, TUniform, TPointsSum, Yes>(k, from, to, planFitIn, inputs);
        }
        else
        {
            Signals<TV, TUniform, TPointsSum, No>(k, from, to, planFitIn, inputs);
        }
    }

    private unsafe void Signals<TV, TUniform, TPointsSum, TZeroMissing>(in Block k, int from, int to, double* planFitIn, double** inputs)
        where TV : unmanaged, ILanes<TV>
        where TUniform : struct, IChoice
        where TPointsSum : struct, IChoice
        where TZeroMissing : struct, IChoice
    {
        if (plan.BandsFromScore)
        {
            Signals<TV, TUniform, TPointsSum, TZeroMissing, Yes>(k, from, to, planFitIn, inputs);
        }
        else
        {
            Signals<TV, TUniform, TPointsSum, TZeroMissing, No>(k, from, to, planFitIn, inputs);
        }
    }

    private unsafe void Signals<TV, TUniform, TPointsSum, TZeroMissing, TBandsFromScore>(in Block k, int from, int to, double* planFitIn, double** inputs)
        where TV : unmanaged, ILanes<TV>
        where TUniform : struct, IChoice
        where TPointsSum : struct, IChoice
        where TZeroMissing : struct, IChoice
        where TBandsFromScore : struct, IChoice
    {
        if (plan.SeatSaturationFromPlanFit)
        {
            SignalsLoop<TV, TUniform, TPointsSum, TZeroMissing, TBandsFromScore, Yes>(k, from, to, planFitIn, inputs);
        }
        else
        {
            SignalsLoop<TV, TUniform, TPointsSum, TZeroMissing, TBandsFromScore, No>(k, from, to, planFitIn, inputs);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void SignalsLoop<TV, TUniform, TPointsSum, TZeroMissing, TBandsFromScore, TSeatsFromPlanFit>(in Block k, int from, int to, double* planFitIn, double** inputs)
        where TV : unmanaged, ILanes<TV>
        where TUniform : struct, IChoice
        where TPointsSum : struct, IChoice
        where TZeroMissing : struct, IChoice
        where TBandsFromScore : struct, IChoice
        where TSeatsFromPlanFit : struct, IChoice
    {
        var p = plan;
        ref double scratch = ref k.Scratch;
        ref double seatRef = ref k.SeatSaturation;
        ref int segment = ref k.Segment;
        bool hasSegment = k.HasSegment;

        var zero = TV.Zero;
        var one = TV.Splat(1);
        var hundred = TV.Splat(100);
        var allOnes = TV.IsNumber(zero);
        bool uniform = TUniform.Value, zeroMissing = TZeroMissing.Value, pointsSum = TPointsSum.Value, bandsFromScore = TBandsFromScore.Value, seatsFromPlanFit = TSeatsFromPlanFit.Value;

        // The signals the composite reads: those weighted in some segment, in id order (an unweighted one adds exactly
        // +0 and is never missing). Their columns, and their weights per segment as vectors: [segment × count + j].
        int[] active = p.WeightedSignals;
        int count = active.Length, signals = p.SignalCount;
        double[] weights = p.Weights;
        double** columns = stackalloc double*[Math.Max(1, count)];
        TV* w = stackalloc TV[Math.Max(1, 3 * count)];
        for (int j = 0; j < count; j++)
        {
            int id = active[j];
            columns[j] = inputs[id];
            for (int seg = 0; seg < 3; seg++)
            {
                w[(seg * count) + j] = TV.Splat(weights[(seg * signals) + id]);
            }
        }

        // The segment masks of a book without a segment column: every account has Account.DefaultSegment.
        var defaultIsMidMarket = Account.DefaultSegment == Segment.MidMarket ? allOnes : zero;
        var defaultIsEnterprise = Account.DefaultSegment == Segment.Enterprise ? allOnes : zero;

        // With uniform weights every signal read is weighted: each missing one counts.
        var weighted = TV.SplatBits(count);
        var maxPoints = TV.Splat(p.MaxPoints);
        var intercept = TV.Splat(p.Intercept);
        var slope = TV.Splat(p.Slope);
        var five = TV.Splat(5);
        var ninetyFive = TV.Splat(95);
        double[] thresholds = p.BandThresholds;
        // A model with fewer than four bands pads the thresholds with +∞, which no value reaches.
        var t0 = TV.Splat(thresholds.Length > 0 ? thresholds[0] : double.PositiveInfinity);
        var t1 = TV.Splat(thresholds.Length > 1 ? thresholds[1] : double.PositiveInfinity);
        var t2 = TV.Splat(thresholds.Length > 2 ? thresholds[2] : double.PositiveInfinity);
        var lastBand = TV.SplatBits(thresholds.Length);

        for (nint i = from; i < to; i += TV.Count)
        {
            var seat = TV.Load(ref seatRef, i);
            var planFit = TV.Load(ref *planFitIn, i);

            // A missing PlanFit comes from the seat saturation, as the default PlanFit scorer derives it: 100 × min(1, max(s, 0)).
            var clamped = TV.AtMost(one, TV.AtLeast(zero, seat));
            planFit = TV.Select(TV.IsNumber(planFit), planFit, TV.Multiply(hundred, clamped));
            TV.Store(planFit, ref scratch, i + At(Column.PlanFit));
            TV.Store(seatsFromPlanFit ? TV.Select(TV.IsNumber(seat), seat, TV.Divide(planFit, hundred)) : seat, ref scratch, i + At(Column.Seat));

            // Without a segment column every account has the default segment (SPEC §3).
            var seg1 = !uniform && hasSegment ? TV.IntInRange(ref segment, i, 1, 1) : defaultIsMidMarket;
            var seg2 = !uniform && hasSegment ? TV.IntInRange(ref segment, i, 2, 2) : defaultIsEnterprise;

            // Composite (SPEC §3) in slot order, as the general engine adds it: a missing signal adds +0. A set mask is
            // −1, so adding the masks of present signals subtracts their count.
            TV sum = zero, sumW = zero, missing = uniform ? weighted : zero;
            for (int j = 0; j < count; j++)
            {
                var s = TV.Load(ref *columns[j], i);
                var present = TV.IsNumber(s);
                var x = w[j];
                if (uniform)
                {
                    missing = TV.AddBits(missing, present);
                }
                else
                {
                    x = TV.Select(seg1, w[count + j], TV.Select(seg2, w[(2 * count) + j], x));
                    missing = TV.SubtractBits(missing, TV.AndNot(TV.GreaterThan(x, zero), present));
                }

                sum = TV.Add(sum, TV.And(present, TV.Multiply(x, s)));
                if (!pointsSum)
                {
                    sumW = TV.Add(sumW, zeroMissing ? x : TV.And(present, x));
                }
            }

            TV composite;
            if (pointsSum)
            {
                composite = TV.Divide(TV.Multiply(hundred, sum), maxPoints);
            }
            else
            {
                composite = TV.And(TV.GreaterThan(sumW, zero), TV.Divide(sum, sumW));
            }

            composite = TV.AtMost(hundred, TV.AtLeast(zero, composite));

            // Probability (SPEC §4): finite weights and a finite linear transform give a finite value, clamped to 5..95.
            var probability = TV.Add(intercept, TV.Multiply(slope, composite));
            probability = TV.AtMost(ninetyFive, TV.AtLeast(five, probability));

            // Band (SPEC §5): the thresholds descend, so the band is the last one less each threshold reached.
            var value = bandsFromScore ? (pointsSum ? sum : composite) : probability;
            var band = TV.AddBits(TV.AddBits(TV.AddBits(lastBand, TV.GreaterThanOrEqual(value, t0)), TV.GreaterThanOrEqual(value, t1)), TV.GreaterThanOrEqual(value, t2));
            for (int b = 3; b < thresholds.Length; b++)
            {
                band = TV.AddBits(band, TV.GreaterThanOrEqual(value, TV.Splat(thresholds[b])));
            }

            TV.Store(composite, ref scratch, i + At(Column.Composite));
            TV.Store(probability, ref scratch, i + At(Column.Probability));
            TV.Store(band, ref scratch, i + At(Column.Band));
            TV.Store(TV.Or(TV.ShiftLeftBits(band, ScoreOutcome.BandShift), TV.ShiftLeftBits(missing, ScoreOutcome.MissingShift)), ref scratch, i + At(Column.Bits));
        }
    }


    /// <summary>A yes-or-no choice of the model (or of a rule: limited to some segments), as a type argument the JIT compiles in.</summary>
    private interface IChoice
    {
        static abstract bool Value { get; }
    }

    private readonly struct Yes : IChoice
    {
        public static bool Value => true;
    }

    private readonly struct No : IChoice
    {
        public static bool Value => false;
    }
}
