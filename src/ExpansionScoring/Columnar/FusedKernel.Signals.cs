using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ExpansionScoring.Columnar;

/// <content>Pass 1 of the batch kernel: signals → composite, probability and band (SPEC §3–§5).</content>
internal sealed partial class FusedKernel
{
    /// <summary>
    /// Pass 1: PlanFit derived where missing, composite, probability, band, missing-signal count, seat-saturation
    /// fact. The model's five yes-or-no choices become type arguments, so the JIT compiles a loop with only the
    /// arithmetic the model needs and keeps no constants for the other choices.
    /// </summary>
    private void Signals<TV>(in Block k, int from, int to)
        where TV : unmanaged, ILanes<TV>
    {
        if (plan.UniformWeights)
        {
            Signals<TV, Yes>(k, from, to);
        }
        else
        {
            Signals<TV, No>(k, from, to);
        }
    }

    private void Signals<TV, TUniform>(in Block k, int from, int to)
        where TV : unmanaged, ILanes<TV>
        where TUniform : struct, IChoice
    {
        if (plan.PointsSum)
        {
            Signals<TV, TUniform, Yes>(k, from, to);
        }
        else
        {
            Signals<TV, TUniform, No>(k, from, to);
        }
    }

    private void Signals<TV, TUniform, TPointsSum>(in Block k, int from, int to)
        where TV : unmanaged, ILanes<TV>
        where TUniform : struct, IChoice
        where TPointsSum : struct, IChoice
    {
        if (plan.ZeroMissing)
        {
            Signals<TV, TUniform, TPointsSum, Yes>(k, from, to);
        }
        else
        {
            Signals<TV, TUniform, TPointsSum, No>(k, from, to);
        }
    }

    private void Signals<TV, TUniform, TPointsSum, TZeroMissing>(in Block k, int from, int to)
        where TV : unmanaged, ILanes<TV>
        where TUniform : struct, IChoice
        where TPointsSum : struct, IChoice
        where TZeroMissing : struct, IChoice
    {
        if (plan.BandsFromScore)
        {
            Signals<TV, TUniform, TPointsSum, TZeroMissing, Yes>(k, from, to);
        }
        else
        {
            Signals<TV, TUniform, TPointsSum, TZeroMissing, No>(k, from, to);
        }
    }

    private void Signals<TV, TUniform, TPointsSum, TZeroMissing, TBandsFromScore>(in Block k, int from, int to)
        where TV : unmanaged, ILanes<TV>
        where TUniform : struct, IChoice
        where TPointsSum : struct, IChoice
        where TZeroMissing : struct, IChoice
        where TBandsFromScore : struct, IChoice
    {
        if (plan.SeatSaturationFromPlanFit)
        {
            SignalsLoop<TV, TUniform, TPointsSum, TZeroMissing, TBandsFromScore, Yes>(k, from, to);
        }
        else
        {
            SignalsLoop<TV, TUniform, TPointsSum, TZeroMissing, TBandsFromScore, No>(k, from, to);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SignalsLoop<TV, TUniform, TPointsSum, TZeroMissing, TBandsFromScore, TSeatsFromPlanFit>(in Block k, int from, int to)
        where TV : unmanaged, ILanes<TV>
        where TUniform : struct, IChoice
        where TPointsSum : struct, IChoice
        where TZeroMissing : struct, IChoice
        where TBandsFromScore : struct, IChoice
        where TSeatsFromPlanFit : struct, IChoice
    {
        var p = plan;
        ref double planFitIn = ref k.Input(0);
        ref double scratch = ref k.Scratch;
        ref double s1Ref = ref k.Input(1);
        ref double s2Ref = ref k.Input(2);
        ref double s3Ref = ref k.Input(3);
        ref double s4Ref = ref k.Input(4);
        ref double seatRef = ref k.Input(5);
        ref int segment = ref k.Segment;
        bool hasSegment = k.HasSegment;

        var zero = TV.Zero;
        var one = TV.Splat(1);
        var hundred = TV.Splat(100);
        var allOnes = TV.IsNumber(zero);
        double[] weights = p.Weights;
        bool uniform = TUniform.Value, zeroMissing = TZeroMissing.Value, pointsSum = TPointsSum.Value, bandsFromScore = TBandsFromScore.Value, seatsFromPlanFit = TSeatsFromPlanFit.Value;
        var w0 = TV.Splat(weights[0]);
        var w1 = TV.Splat(weights[1]);
        var w2 = TV.Splat(weights[2]);
        var w3 = TV.Splat(weights[3]);
        var w4 = TV.Splat(weights[4]);
        var weighted = TV.SplatBits(p.WeightedCount);
        var counts0 = weights[0] > 0 ? allOnes : zero;
        var counts1 = weights[1] > 0 ? allOnes : zero;
        var counts2 = weights[2] > 0 ? allOnes : zero;
        var counts3 = weights[3] > 0 ? allOnes : zero;
        var counts4 = weights[4] > 0 ? allOnes : zero;
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
            var s0 = TV.Load(ref planFitIn, i);
            var s1 = TV.Load(ref s1Ref, i);
            var s2 = TV.Load(ref s2Ref, i);
            var s3 = TV.Load(ref s3Ref, i);
            var s4 = TV.Load(ref s4Ref, i);

            // A missing PlanFit comes from the seat saturation, as the default PlanFit scorer derives it: 100 × min(1, max(s, 0)).
            var clamped = TV.AtMost(one, TV.AtLeast(zero, seat));
            s0 = TV.Select(TV.IsNumber(s0), s0, TV.Multiply(hundred, clamped));
            TV.Store(s0, ref scratch, i + At(Column.PlanFit));
            TV.Store(seatsFromPlanFit ? TV.Select(TV.IsNumber(seat), seat, TV.Divide(s0, hundred)) : seat, ref scratch, i + At(Column.Seat));

            var p0 = TV.IsNumber(s0);
            var p1 = TV.IsNumber(s1);
            var p2 = TV.IsNumber(s2);
            var p3 = TV.IsNumber(s3);
            var p4 = TV.IsNumber(s4);
            TV x0 = w0, x1 = w1, x2 = w2, x3 = w3, x4 = w4, missing;
            if (uniform)
            {
                // A set mask is −1: adding the five masks of present, weighted signals gives minus their count.
                var present = TV.AddBits(TV.AddBits(TV.AddBits(TV.AddBits(TV.And(p0, counts0), TV.And(p1, counts1)), TV.And(p2, counts2)), TV.And(p3, counts3)), TV.And(p4, counts4));
                missing = TV.AddBits(weighted, present);
            }
            else
            {
                // Without a segment column every account is Mid-Market, as Account defaults (SPEC §3).
                var seg1 = hasSegment ? TV.IntInRange(ref segment, i, 1, 1) : allOnes;
                var seg2 = hasSegment ? TV.IntInRange(ref segment, i, 2, 2) : zero;
                x0 = TV.Select(seg1, TV.Splat(weights[5]), TV.Select(seg2, TV.Splat(weights[10]), w0));
                x1 = TV.Select(seg1, TV.Splat(weights[6]), TV.Select(seg2, TV.Splat(weights[11]), w1));
                x2 = TV.Select(seg1, TV.Splat(weights[7]), TV.Select(seg2, TV.Splat(weights[12]), w2));
                x3 = TV.Select(seg1, TV.Splat(weights[8]), TV.Select(seg2, TV.Splat(weights[13]), w3));
                x4 = TV.Select(seg1, TV.Splat(weights[9]), TV.Select(seg2, TV.Splat(weights[14]), w4));
                missing = TV.SubtractBits(zero, TV.AndNot(TV.GreaterThan(x0, zero), p0));
                missing = TV.SubtractBits(missing, TV.AndNot(TV.GreaterThan(x1, zero), p1));
                missing = TV.SubtractBits(missing, TV.AndNot(TV.GreaterThan(x2, zero), p2));
                missing = TV.SubtractBits(missing, TV.AndNot(TV.GreaterThan(x3, zero), p3));
                missing = TV.SubtractBits(missing, TV.AndNot(TV.GreaterThan(x4, zero), p4));
            }

            // Composite (SPEC §3) in slot order, as the general engine adds it: a missing signal adds +0.
            var sum = TV.And(p0, TV.Multiply(x0, s0));
            sum = TV.Add(sum, TV.And(p1, TV.Multiply(x1, s1)));
            sum = TV.Add(sum, TV.And(p2, TV.Multiply(x2, s2)));
            sum = TV.Add(sum, TV.And(p3, TV.Multiply(x3, s3)));
            sum = TV.Add(sum, TV.And(p4, TV.Multiply(x4, s4)));
            TV composite;
            if (pointsSum)
            {
                composite = TV.Divide(TV.Multiply(hundred, sum), maxPoints);
            }
            else
            {
                var sumW = zeroMissing
                    ? TV.Add(TV.Add(TV.Add(TV.Add(x0, x1), x2), x3), x4)
                    : TV.Add(TV.Add(TV.Add(TV.Add(TV.And(p0, x0), TV.And(p1, x1)), TV.And(p2, x2)), TV.And(p3, x3)), TV.And(p4, x4));
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
