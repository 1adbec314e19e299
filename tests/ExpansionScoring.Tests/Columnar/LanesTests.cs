using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ExpansionScoring.Columnar;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ExpansionScoring.Tests.Columnar;

/// <summary>
/// The portable fallbacks of the lanes (what a machine without AVX2 gathers or SSE2/AVX min and max runs) against the
/// instructions, bit for bit, NaN, signed zeros and infinities included: CI runs the fallback code even though its
/// hardware never takes it. Both are checked against the scalar definition, the instructions where the machine has them.
/// </summary>
public sealed class LanesTests
{
    private static readonly Gen<double> Value = Gen.Frequency(
        (1, Gen.Elements(double.NaN, 0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, 5.0, 95.0, 100.0)),
        (3, Gen.Choose(-1_000_000, 1_000_000).Select(i => i / 100.0)));

    private static long Bits(double x) => BitConverter.DoubleToInt64Bits(x);

    [Property(MaxTest = 500)]
    public Property AtLeastAndAtMost_Portable_SameBitsAsTheInstructions()
        => Prop.ForAll(Gen.ArrayOf(Value, 8).ToArbitrary(), v =>
        {
            // maxpd and minpd, lane by lane: the first operand when the comparison holds, else the second (NaN included).
            var a = Vector256.Create(v[0], v[1], v[2], v[3]);
            var b = Vector256.Create(v[4], v[5], v[6], v[7]);
            var max = Vector256.Create(Bits(v[0] > v[4] ? v[0] : v[4]), Bits(v[1] > v[5] ? v[1] : v[5]), Bits(v[2] > v[6] ? v[2] : v[6]), Bits(v[3] > v[7] ? v[3] : v[7]));
            var min = Vector256.Create(Bits(v[0] < v[4] ? v[0] : v[4]), Bits(v[1] < v[5] ? v[1] : v[5]), Bits(v[2] < v[6] ? v[2] : v[6]), Bits(v[3] < v[7] ? v[3] : v[7]));
            Assert.Equal(max, PortableLanes.AtLeast(a, b).AsInt64());
            Assert.Equal(min, PortableLanes.AtMost(a, b).AsInt64());
            Assert.Equal(max.GetLower(), PortableLanes.AtLeast(a.GetLower(), b.GetLower()).AsInt64());
            Assert.Equal(min.GetLower(), PortableLanes.AtMost(a.GetLower(), b.GetLower()).AsInt64());
            if (Avx.IsSupported)
            {
                Assert.Equal(max, Avx.Max(a, b).AsInt64());
                Assert.Equal(min, Avx.Min(a, b).AsInt64());
                Assert.Equal(max.GetLower(), Sse2.Max(a.GetLower(), b.GetLower()).AsInt64());
                Assert.Equal(min.GetLower(), Sse2.Min(a.GetLower(), b.GetLower()).AsInt64());
            }
        });

    [Property(MaxTest = 200)]
    public Property Lookup_Portable_SameAsTheGather()
        => Prop.ForAll(Gen.ArrayOf(Gen.Choose(0, 10), 4).ToArbitrary(), at =>
        {
            double[] table = GC.AllocateArray<double>(11, pinned: true);
            for (int i = 0; i < table.Length; i++)
            {
                table[i] = (i * 1.5) - 3;
            }

            var index = Vector256.Create(at[0], at[1], at[2], at[3]).AsInt64();
            ref double start = ref MemoryMarshal.GetArrayDataReference(table);
            var expected = Vector256.Create(table[at[0]], table[at[1]], table[at[2]], table[at[3]]);
            Assert.Equal(expected, PortableLanes.Lookup(ref start, index));
            Assert.Equal(expected.GetLower(), PortableLanes.Lookup(ref start, index.GetLower()));
            // The gather itself is checked by every batch test on AVX2 (FusedPathTests).
        });
}
