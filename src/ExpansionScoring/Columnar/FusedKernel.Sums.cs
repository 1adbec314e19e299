using ExpansionScoring.Windows;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ExpansionScoring.Columnar;

/// <content>Pass 5 of the batch kernel: the per-band and per-window sums.</content>
internal sealed partial class FusedKernel
{
    /// <summary>Pass 5: count, ARR and opportunity per band and per window, in eight running lanes per sum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Sum<TV>(in Block k, int from, int to, Span<double> sums)
        where TV : unmanaged, ILanes<TV>
    {
        int bands = BandCount;
        if (bands <= 4)
        {
            SumFour<TV>(k, Column.Band, 1, from, to, sums, 0, bands);
        }
        else
        {
            for (int g = 0; g < bands; g++)
            {
                SumOne<TV>(k, Column.Band, g, from, to, sums, 3 * g);
            }
        }

        SumFour<TV>(k, Column.Window, ScoreOutcome.WindowBits((PitchWindow)1), from, to, sums, 3 * bands, WindowCount);
    }

    /// <summary>Adds the count, ARR and opportunity of the rows whose key is 0, 1, 2 or 3 steps, in one loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SumFour<TV>(in Block k, Column keyColumn, long step, int from, int to, Span<double> sums, int at, int groups)
        where TV : unmanaged, ILanes<TV>
    {
        ref double keys = ref k.Ref(keyColumn);
        ref double arrRef = ref k.Arr;
        ref double opportunityRef = ref k.Ref(Column.Opportunity);
        var k0 = TV.SplatBits(0);
        var k1 = TV.SplatBits(step);
        var k2 = TV.SplatBits(2 * step);
        var k3 = TV.SplatBits(3 * step);
        TV c0 = TV.Zero, c1 = TV.Zero, c2 = TV.Zero, c3 = TV.Zero;
        TV a0 = TV.Zero, a1 = TV.Zero, a2 = TV.Zero, a3 = TV.Zero;
        TV o0 = TV.Zero, o1 = TV.Zero, o2 = TV.Zero, o3 = TV.Zero;
        for (nint i = from; i < to; i += TV.Count)
        {
            var key = TV.Load(ref keys, i);
            var arr = TV.Load(ref arrRef, i);
            var opportunity = TV.Load(ref opportunityRef, i);
            var m0 = TV.EqualBits(key, k0);
            var m1 = TV.EqualBits(key, k1);
            var m2 = TV.EqualBits(key, k2);
            var m3 = TV.EqualBits(key, k3);
            c0 = TV.SubtractBits(c0, m0);
            c1 = TV.SubtractBits(c1, m1);
            c2 = TV.SubtractBits(c2, m2);
            c3 = TV.SubtractBits(c3, m3);
            a0 = TV.Add(a0, TV.And(m0, arr));
            a1 = TV.Add(a1, TV.And(m1, arr));
            a2 = TV.Add(a2, TV.And(m2, arr));
            a3 = TV.Add(a3, TV.And(m3, arr));
            o0 = TV.Add(o0, TV.And(m0, opportunity));
            o1 = TV.Add(o1, TV.And(m1, opportunity));
            o2 = TV.Add(o2, TV.And(m2, opportunity));
            o3 = TV.Add(o3, TV.And(m3, opportunity));
        }

        Add(sums, at, 0, groups, c0, a0, o0);
        Add(sums, at, 1, groups, c1, a1, o1);
        Add(sums, at, 2, groups, c2, a2, o2);
        Add(sums, at, 3, groups, c3, a3, o3);

        static void Add(Span<double> sums, int at, int group, int groups, TV count, TV arr, TV opportunity)
        {
            if (group < groups)
            {
                sums[at + (3 * group)] += TV.SumBits(count);
                sums[at + (3 * group) + 1] += TV.Sum(arr);
                sums[at + (3 * group) + 2] += TV.Sum(opportunity);
            }
        }
    }

    /// <summary>Adds the count, ARR and opportunity of the rows whose key is <paramref name="key"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SumOne<TV>(in Block k, Column keyColumn, long key, int from, int to, Span<double> sums, int at)
        where TV : unmanaged, ILanes<TV>
    {
        ref double keys = ref k.Ref(keyColumn);
        ref double arrRef = ref k.Arr;
        ref double opportunityRef = ref k.Ref(Column.Opportunity);
        var target = TV.SplatBits(key);
        var count = TV.Zero;
        var arr = TV.Zero;
        var opportunity = TV.Zero;
        for (nint i = from; i < to; i += TV.Count)
        {
            var m = TV.EqualBits(TV.Load(ref keys, i), target);
            count = TV.SubtractBits(count, m);
            arr = TV.Add(arr, TV.And(m, TV.Load(ref arrRef, i)));
            opportunity = TV.Add(opportunity, TV.And(m, TV.Load(ref opportunityRef, i)));
        }

        sums[at] += TV.SumBits(count);
        sums[at + 1] += TV.Sum(arr);
        sums[at + 2] += TV.Sum(opportunity);
    }
}
