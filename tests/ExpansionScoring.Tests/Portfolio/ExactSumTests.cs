using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ExpansionScoring.Tests.Portfolios;

/// <summary>
/// <see cref="ExactSum.Of"/> takes a term to whole millionths through a <see cref="long"/> when it fits one: the
/// result must be the 128-bit conversion's, bit for bit, on both sides of 2^63 millionths and at every magnitude.
/// </summary>
public class ExactSumTests
{
    private static Int128 Reference(double value) => checked((Int128)Math.Round(value * 1_000_000, MidpointRounding.ToEven));

    public static Arbitrary<double> Terms() => Gen.OneOf(
        ArbMap.Default.GeneratorFor<NormalFloat>().Select(f => f.Get),
        Gen.Choose(-40, 40).SelectMany(e => Gen.Choose(-1_000_000, 1_000_000).Select(m => m * Math.Pow(10, e) / 1_000_000)),
        Gen.Choose(-2_000, 2_000).Select(k => Math.ScaleB(1, 63) / 1_000_000 * (1 + (k * 1e-15))),
        Gen.Choose(-2_000, 2_000).Select(k => -Math.ScaleB(1, 63) / 1_000_000 * (1 + (k * 1e-15))),
        Gen.Choose(-2_000, 2_000).Select(k => Math.ScaleB(1, 51) / 1_000_000 * (1 + (k * 1e-15))),   // either side of the rounding trick's bound
        Gen.Choose(-2_000, 2_000).Select(k => -Math.ScaleB(1, 51) / 1_000_000 * (1 + (k * 1e-15))),
        Gen.Choose(-1_000_000, 1_000_000).Select(k => (k + 0.5) / 1_000_000),                          // half-millionths: ties to even
        Gen.Choose(0, int.MaxValue).Select(k => k / 100.0))                                            // money in cents
        .Where(x => Math.Abs(x) < 1e31)
        .ToArbitrary();

    [Property(Arbitrary = [typeof(ExactSumTests)], MaxTest = 2_000)]
    public void Of_IsTheRoundedMillionthsExactly(double value) => Assert.Equal(Reference(value), ExactSum.Of(value).Micros);

    /// <summary>
    /// The doubles nearest 2^63 millionths (those whose millionths round to a long take the fast conversion, the rest the
    /// 128-bit one) and nearest 2^51 millionths (below it the rounding trick, above it Math.Round), both signs, twenty
    /// steps either way.
    /// </summary>
    [Theory]
    [InlineData(63)]
    [InlineData(51)]
    public void Of_EachSideOfABoundary_IsTheReference(int power)
    {
        foreach (double sign in (double[])[1, -1])
        {
            double x = sign * Math.ScaleB(1, power) / 1_000_000;
            for (int i = 0; i < 20; i++)
            {
                x = Math.BitDecrement(x);
            }

            for (int i = 0; i < 40; i++, x = Math.BitIncrement(x))
            {
                Assert.Equal(Reference(x), ExactSum.Of(x).Micros);
            }
        }
    }

    [Theory]
    [InlineData(0.0000005)]
    [InlineData(0.0000015)]
    [InlineData(-0.0000025)]
    [InlineData(1e25)]
    public void Of_HalfMillionthsAndLargeTerms_AreTheReference(double value) => Assert.Equal(Reference(value), ExactSum.Of(value).Micros);

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(1e40)]
    public void Of_NotFiniteOrBeyondRange_Throws(double value) => Assert.Throws<OverflowException>(() => ExactSum.Of(value));
}
